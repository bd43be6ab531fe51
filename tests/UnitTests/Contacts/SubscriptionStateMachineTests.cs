using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using static PipedriveMaileon.Grains.Contacts.ContactSignalKind;
using static PipedriveMaileon.Grains.Interfaces.Contacts.SubscriptionStatus;

namespace PipedriveMaileon.UnitTests.Contacts;

/// <summary>
/// Every transition of the consent rules (docs/DESIGN.md, "Consent rules"), as a table: given state + signal, the
/// exact work items, the ledger transition and the facts kept afterwards. Times are minutes after <see cref="T0"/>.
/// </summary>
public sealed class SubscriptionStateMachineTests
{
    private const string A = "anna@example.com";
    private const string B = "bert@example.com";
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset T(int minute) => T0.AddMinutes(minute);

    private static SubscriptionState Given(
        SubscriptionStatus status, string? email = A, int? since = null, int? unsubscribedAt = null, int? lastRequest = null,
        int? doiRequested = null, bool awaitingEmail = false) => new()
        {
            Status = status,
            Email = email,
            StatusSince = since is { } s ? T(s) : null,
            UnsubscribedAt = unsubscribedAt is { } u ? T(u) : null,
            LastRequestAt = lastRequest is { } l ? T(l) : null,
            DoiRequestedAt = doiRequested is { } d ? T(d) : null,
            AwaitingEmail = awaitingEmail,
        };

    private static ContactSignal User(ContactSignalKind kind, int minute, string? email = A) =>
        new(kind, T(minute), "pipedrive-user:7", "webhook") { Email = email };

    private static ContactSignal Maileon(ContactSignalKind kind, int minute, string email = A) =>
        new(kind, T(minute), "maileon", "webhook") { Email = email };

    private static ContactSignal Merged(SubscriptionStatus status, int minute, string? email = A) =>
        new(MergedIn, T(minute), "pipedrive-person:99", "merge") { Email = email, MergedStatus = status };

    /// <summary>
    /// One row: given state, signal, then the status, the work (in order, "Kind address" or "field Option"), the ledger
    /// transition ("From>To", empty for none), and optionally more facts to check.
    /// </summary>
    private sealed record Row(Func<SubscriptionState> State, ContactSignal Signal, SubscriptionStatus Status, string Work, string Transition, Action<SubscriptionState>? Then = null);

    private static readonly Dictionary<string, Row> Rows = new()
    {
        // Subscribe requests.
        ["subscribe from none starts a DOI"] = new(() => Given(None, email: null), User(SubscribeRequested, 10), Pending, $"StartDoubleOptIn {A}", "None>Pending",
            s => { Assert.Equal(T(10), s.LastRequestAt); Assert.Equal(T(10), s.StatusSince); Assert.Equal(T(10), s.DoiRequestedAt); Assert.Equal(A, s.Email); }),
        ["subscribe while pending only restores the field"] = new(() => Given(Pending, since: 5, lastRequest: 5, doiRequested: 5), User(SubscribeRequested, 10), Pending, "field AwaitingConfirmation", "",
            s => Assert.Equal(T(10), s.LastRequestAt)),
        ["subscribe while subscribed only restores the field"] = new(() => Given(Subscribed, since: 8, lastRequest: 5, doiRequested: 5), User(SubscribeRequested, 10), Subscribed, "field Subscribed", ""),
        ["subscribe while subscribed, address differs in case only: nothing new"] = new(() => Given(Subscribed, since: 8, lastRequest: 5), User(SubscribeRequested, 10, " ANNA@example.com"), Subscribed, "field Subscribed", ""),
        ["subscribe made before the unsubscribe is refused, field shows the unsubscribe"] = new(() => Given(Unsubscribed, since: 10, unsubscribedAt: 10), User(SubscribeRequested, 5), Unsubscribed, "field Unsubscribed", "Unsubscribed>Unsubscribed",
            s => Assert.Null(s.LastRequestAt)),
        ["subscribe at the same time as the unsubscribe is refused"] = new(() => Given(Unsubscribed, since: 10, unsubscribedAt: 10), User(SubscribeRequested, 10), Unsubscribed, "field Unsubscribed", "Unsubscribed>Unsubscribed"),
        ["subscribe made after the unsubscribe starts a new DOI"] = new(() => Given(Unsubscribed, since: 10, unsubscribedAt: 10, lastRequest: 10), User(SubscribeRequested, 15), Pending, $"StartDoubleOptIn {A}", "Unsubscribed>Pending",
            s => Assert.Equal(T(10), s.UnsubscribedAt)),
        ["subscribe without an e-mail sends nothing and waits for one"] = new(() => Given(None, email: null), User(SubscribeRequested, 10, email: null), None, "", "",
            s => { Assert.True(s.AwaitingEmail); Assert.Equal(T(10), s.LastRequestAt); }),
        ["subscribe with a blank e-mail sends nothing"] = new(() => Given(None, email: null), User(SubscribeRequested, 10, email: "  "), None, "", "", s => Assert.True(s.AwaitingEmail)),
        ["subscribe for another address: old one unsubscribed, new one gets its DOI"] = new(() => Given(Subscribed, since: 8, lastRequest: 5), User(SubscribeRequested, 10, B), Pending, $"Unsubscribe {A}; StartDoubleOptIn {B}", "Subscribed>Pending",
            s => Assert.Equal(B, s.Email)),
        ["stale subscribe (older than the latest request) changes nothing"] = new(() => Given(Unsubscribed, since: 20, unsubscribedAt: 20, lastRequest: 20), User(SubscribeRequested, 10), Unsubscribed, "", "",
            s => Assert.Equal(T(20), s.LastRequestAt)),

        // Unsubscribe requests.
        ["unsubscribe while subscribed"] = new(() => Given(Subscribed, since: 8, lastRequest: 5, doiRequested: 5), User(UnsubscribeRequested, 10), Unsubscribed, $"Unsubscribe {A}", "Subscribed>Unsubscribed",
            s => { Assert.Equal(T(10), s.UnsubscribedAt); Assert.Equal(T(10), s.LastRequestAt); }),
        ["unsubscribe while pending"] = new(() => Given(Pending, since: 5, lastRequest: 5, doiRequested: 5), User(UnsubscribeRequested, 10), Unsubscribed, $"Unsubscribe {A}", "Pending>Unsubscribed"),
        ["unsubscribe of a person never subscribed still unsubscribes the address"] = new(() => Given(None, email: null), User(UnsubscribeRequested, 10), Unsubscribed, $"Unsubscribe {A}", "None>Unsubscribed",
            s => Assert.Equal(A, s.Email)),
        ["unsubscribe without any address is a tombstone only"] = new(() => Given(None, email: null), User(UnsubscribeRequested, 10, email: null), Unsubscribed, "", "None>Unsubscribed"),
        ["unsubscribe cancels a subscribe waiting for an e-mail"] = new(() => Given(None, email: null, lastRequest: 5, awaitingEmail: true), User(UnsubscribeRequested, 10, email: null), Unsubscribed, "", "None>Unsubscribed",
            s => Assert.False(s.AwaitingEmail)),
        ["unsubscribe again keeps the latest unsubscribe time"] = new(() => Given(Unsubscribed, since: 5, unsubscribedAt: 5, lastRequest: 5), User(UnsubscribeRequested, 10), Unsubscribed, "", "",
            s => Assert.Equal(T(10), s.UnsubscribedAt)),
        ["stale unsubscribe older than the current subscription changes nothing"] = new(() => Given(Subscribed, since: 25, lastRequest: 20, doiRequested: 20), User(UnsubscribeRequested, 10), Subscribed, "", ""),
        ["late unsubscribe between the subscription and a later absorbed subscribe: old consent withdrawn, new DOI"] = new(
            () => Given(Subscribed, since: 8, lastRequest: 20, doiRequested: 5), User(UnsubscribeRequested, 10), Pending, $"Unsubscribe {A}; StartDoubleOptIn {A}", "Subscribed>Pending",
            s => { Assert.Equal(T(10), s.UnsubscribedAt); Assert.Equal(T(20), s.StatusSince); Assert.Equal(T(20), s.DoiRequestedAt); Assert.Equal(T(20), s.LastRequestAt); }),

        // A user picks a value only the app may set (or clears it): the true value is written back.
        ["overwritten with no subscription: field cleared"] = new(() => Given(None, email: null), User(FieldOverwritten, 10), None, "field empty", ""),
        ["overwritten while pending: awaiting confirmation restored"] = new(() => Given(Pending, since: 5), User(FieldOverwritten, 10), Pending, "field AwaitingConfirmation", ""),
        ["overwritten while subscribed: subscribed restored"] = new(() => Given(Subscribed, since: 5), User(FieldOverwritten, 10), Subscribed, "field Subscribed", ""),
        ["overwritten while unsubscribed: unsubscribed restored, no DOI"] = new(() => Given(Unsubscribed, since: 5, unsubscribedAt: 5), User(FieldOverwritten, 10), Unsubscribed, "field Unsubscribed", ""),

        // Address changes.
        ["address added after subscribe without one: DOI starts"] = new(() => Given(None, email: null, lastRequest: 5, awaitingEmail: true), User(EmailChanged, 10), Pending, $"StartDoubleOptIn {A}", "None>Pending",
            s => Assert.False(s.AwaitingEmail)),
        ["address added after a subscribe made after an unsubscribe: DOI starts"] = new(() => Given(Unsubscribed, since: 3, unsubscribedAt: 3, lastRequest: 5, awaitingEmail: true), User(EmailChanged, 10, B), Pending, $"StartDoubleOptIn {B}", "Unsubscribed>Pending"),
        ["address added while unsubscribed by a later unsubscribe: no DOI"] = new(() => Given(Unsubscribed, since: 7, unsubscribedAt: 7, lastRequest: 5, awaitingEmail: true), User(EmailChanged, 10, B), Unsubscribed, "", ""),
        ["address change while pending: old unsubscribed, new DOI"] = new(() => Given(Pending, since: 5, doiRequested: 5), User(EmailChanged, 10, B), Pending, $"Unsubscribe {A}; StartDoubleOptIn {B}", "Pending>Pending",
            s => Assert.Equal(B, s.Email)),
        ["address change while subscribed: old unsubscribed, new DOI (consent does not move)"] = new(() => Given(Subscribed, since: 5), User(EmailChanged, 10, B), Pending, $"Unsubscribe {A}; StartDoubleOptIn {B}", "Subscribed>Pending"),
        ["address removed while subscribed: old unsubscribed, field cleared"] = new(() => Given(Subscribed, since: 5, doiRequested: 3), User(EmailChanged, 10, email: null), None, $"Unsubscribe {A}; field empty", "Subscribed>None",
            s => { Assert.Null(s.Email); Assert.Null(s.DoiRequestedAt); }),
        ["address change in case only: nothing"] = new(() => Given(Subscribed, since: 5), User(EmailChanged, 10, "Anna@Example.com"), Subscribed, "", ""),
        ["address change while unsubscribed: no DOI"] = new(() => Given(Unsubscribed, since: 5, unsubscribedAt: 5), User(EmailChanged, 10, B), Unsubscribed, "", ""),
        ["address change with no subscription: nothing"] = new(() => Given(None, email: null), User(EmailChanged, 10, B), None, "", ""),

        // DOI confirmations.
        ["DOI confirmed while pending"] = new(() => Given(Pending, since: 5, doiRequested: 5), Maileon(DoiConfirmed, 10), Subscribed, "field Subscribed", "Pending>Subscribed",
            s => Assert.Equal(T(10), s.StatusSince)),
        ["DOI confirmed with no subscription known (Maileon holds the consent)"] = new(() => Given(None, email: null), Maileon(DoiConfirmed, 10), Subscribed, "field Subscribed", "None>Subscribed",
            s => Assert.Equal(A, s.Email)),
        ["DOI confirmed again while subscribed: nothing"] = new(() => Given(Subscribed, since: 5), Maileon(DoiConfirmed, 10), Subscribed, "", ""),
        ["DOI confirmed after the unsubscribe: unsubscribe applied again"] = new(() => Given(Unsubscribed, since: 5, unsubscribedAt: 5), Maileon(DoiConfirmed, 10), Unsubscribed, $"Unsubscribe {A}", "Unsubscribed>Unsubscribed"),
        ["DOI confirmed for the old address: ignored"] = new(() => Given(Pending, since: 5, email: B), Maileon(DoiConfirmed, 10, A), Pending, "", ""),
        ["DOI click older than the running DOI's request (old mail): ignored"] = new(() => Given(Pending, since: 20, lastRequest: 20, doiRequested: 20), Maileon(DoiConfirmed, 10), Pending, "", ""),

        // Maileon unsubscribes.
        ["Maileon unsubscribe while subscribed"] = new(() => Given(Subscribed, since: 8, lastRequest: 5, doiRequested: 5), Maileon(MaileonUnsubscribed, 10), Unsubscribed, "field Unsubscribed", "Subscribed>Unsubscribed",
            s => Assert.Equal(T(10), s.UnsubscribedAt)),
        ["Maileon unsubscribe while pending"] = new(() => Given(Pending, since: 5, lastRequest: 5, doiRequested: 5), Maileon(MaileonUnsubscribed, 10), Unsubscribed, "field Unsubscribed", "Pending>Unsubscribed"),
        ["Maileon unsubscribe with no subscription known is a tombstone"] = new(() => Given(None, email: null), Maileon(MaileonUnsubscribed, 10), Unsubscribed, "field Unsubscribed", "None>Unsubscribed",
            s => Assert.Equal(A, s.Email)),
        ["Maileon unsubscribe while unsubscribed keeps the latest time"] = new(() => Given(Unsubscribed, since: 5, unsubscribedAt: 5), Maileon(MaileonUnsubscribed, 10), Unsubscribed, "", "",
            s => Assert.Equal(T(10), s.UnsubscribedAt)),
        ["older Maileon unsubscribe while unsubscribed keeps the newer time"] = new(() => Given(Unsubscribed, since: 10, unsubscribedAt: 10), Maileon(MaileonUnsubscribed, 5), Unsubscribed, "", "",
            s => Assert.Equal(T(10), s.UnsubscribedAt)),
        ["Maileon unsubscribe older than a newer explicit subscribe (pending): ignored"] = new(() => Given(Pending, since: 20, lastRequest: 20, doiRequested: 20), Maileon(MaileonUnsubscribed, 10), Pending, "", ""),
        ["Maileon unsubscribe older than the subscription's request (subscribed): ignored"] = new(() => Given(Subscribed, since: 25, lastRequest: 20, doiRequested: 20), Maileon(MaileonUnsubscribed, 10), Subscribed, "", ""),
        ["Maileon unsubscribe before a later absorbed subscribe: new DOI for that request"] = new(() => Given(Subscribed, since: 8, lastRequest: 20, doiRequested: 5), Maileon(MaileonUnsubscribed, 10), Pending, $"StartDoubleOptIn {A}", "Subscribed>Pending",
            s => { Assert.Equal(T(10), s.UnsubscribedAt); Assert.Equal(T(20), s.StatusSince); }),
        ["Maileon unsubscribe pending, later absorbed subscribe: DOI sent again (Maileon dropped the first)"] = new(() => Given(Pending, since: 5, lastRequest: 20, doiRequested: 5), Maileon(MaileonUnsubscribed, 10), Pending, $"StartDoubleOptIn {A}", "Pending>Pending"),
        ["Maileon unsubscribe older than the DOI click seen first: unsubscribe stands and is applied again"] = new(() => Given(Subscribed, since: 15, lastRequest: 5, doiRequested: 5), Maileon(MaileonUnsubscribed, 10), Unsubscribed, $"Unsubscribe {A}; field Unsubscribed", "Subscribed>Unsubscribed"),
        ["Maileon unsubscribe for an old address: ignored"] = new(() => Given(Subscribed, since: 5, email: B), Maileon(MaileonUnsubscribed, 10, A), Subscribed, "", ""),

        // Merges.
        ["merged-in person with the same address unsubscribed: unsubscribe carries over"] = new(() => Given(Subscribed, since: 5), Merged(Unsubscribed, 10), Unsubscribed, $"Unsubscribe {A}; field Unsubscribed", "Subscribed>Unsubscribed",
            s => Assert.Equal(T(10), s.UnsubscribedAt)),
        ["merged-in unsubscribed person, survivor had nothing"] = new(() => Given(None, email: null), Merged(Unsubscribed, 10), Unsubscribed, $"Unsubscribe {A}; field Unsubscribed", "None>Unsubscribed"),
        ["merged-in subscribed person, survivor had nothing: subscription taken over"] = new(() => Given(None, email: null), Merged(Subscribed, 10), Subscribed, $"UpdateContact {A}; field Subscribed", "None>Subscribed"),
        ["merged-in pending person, survivor had nothing: pending taken over"] = new(() => Given(None, email: null), Merged(Pending, 10), Pending, $"UpdateContact {A}; field AwaitingConfirmation", "None>Pending"),
        ["merged-in subscribed person never lifts the survivor's unsubscribe"] = new(() => Given(Unsubscribed, since: 5, unsubscribedAt: 5), Merged(Subscribed, 10), Unsubscribed, "", ""),
        ["merged-in person with another address: survivor unchanged"] = new(() => Given(Subscribed, since: 5), Merged(Unsubscribed, 10, B), Subscribed, "", ""),
        ["merged-in person with nothing: survivor unchanged"] = new(() => Given(Pending, since: 5), Merged(None, 10), Pending, "", ""),
    };

    public static TheoryData<string> RowNames => [.. Rows.Keys];

    [Theory]
    [MemberData(nameof(RowNames))]
    public void Transition(string name)
    {
        var row = Rows[name];
        var state = row.State();
        var decision = SubscriptionStateMachine.Apply(state, row.Signal);

        Assert.Equal(row.Status, state.Status);
        Assert.Equal(row.Work, Describe(decision.Work));
        Assert.Equal(row.Transition, decision.Transition is { } t ? $"{t.From}>{t.To}" : "");
        if (decision.Work.Any(w => w.Kind == ContactWorkKind.StartDoubleOptIn))
        {
            Assert.Equal(Pending, state.Status);
            Assert.All(decision.Work.Where(w => w.Kind == ContactWorkKind.StartDoubleOptIn), w => Assert.Equal(row.Signal.Actor, w.Actor));
        }

        row.Then?.Invoke(state);
    }

    [Fact]
    public void EveryRowSaysWhatHappenedWhenItChangedSomething()
    {
        foreach (var (name, row) in Rows)
        {
            var decision = SubscriptionStateMachine.Apply(row.State(), row.Signal);
            Assert.True(decision.Transition is not null || decision.Note is not null || decision.Work.Count == 0 || decision.Work.All(w => w.Kind == ContactWorkKind.SetNewsletterField),
                $"{name}: work without a ledger entry or note");
        }
    }

    [Fact]
    public void UnsubscribeThenOnlyALaterExplicitRequestStartsANewDoiAndTheLedgerShowsTheSequence()
    {
        var state = new SubscriptionState();
        var ledger = new List<string>();
        var dois = 0;
        void Apply(ContactSignal signal)
        {
            var decision = SubscriptionStateMachine.Apply(state, signal);
            dois += decision.Work.Count(w => w.Kind == ContactWorkKind.StartDoubleOptIn);
            if (decision.Transition is { } t)
            {
                ledger.Add($"{t.From}>{t.To}");
            }
        }

        Apply(User(SubscribeRequested, 1));
        Apply(Maileon(DoiConfirmed, 2));
        Apply(Maileon(MaileonUnsubscribed, 3));
        Apply(User(FieldOverwritten, 4));           // someone sets "Subscribed" by hand
        Apply(Maileon(DoiConfirmed, 5));            // late click on the old mail
        Apply(User(SubscribeRequested, 2));         // a replayed request made before the unsubscribe: refused
        Apply(Maileon(MaileonUnsubscribed, 3));     // a replayed unsubscribe
        Assert.Equal(Unsubscribed, state.Status);
        Assert.Equal(1, dois);

        Apply(User(SubscribeRequested, 6));         // new, explicit, after the unsubscribe
        Apply(Maileon(DoiConfirmed, 7));
        Assert.Equal(Subscribed, state.Status);
        Assert.Equal(2, dois);
        Assert.Equal(
            ["None>Pending", "Pending>Subscribed", "Subscribed>Unsubscribed", "Unsubscribed>Unsubscribed", "Unsubscribed>Unsubscribed", "Unsubscribed>Pending", "Pending>Subscribed"],
            ledger);
    }

    [Fact]
    public void UnknownSignalKindIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SubscriptionStateMachine.Apply(new SubscriptionState(), User((ContactSignalKind)99, 1)));

    [Fact]
    public void AConfirmationStampedInTheSecondTheDoubleOptInStartedConfirmsIt()
    {
        // Maileon's webhook timestamps have whole seconds; the DOI start has milliseconds.
        var state = Given(Pending, doiRequested: 5);
        state.StatusSince = T(5).AddMilliseconds(640);
        var confirmation = new ContactSignal(DoiConfirmed, T(5), "maileon", "webhook") { Email = A };

        SubscriptionStateMachine.Apply(state, confirmation);

        Assert.Equal(Subscribed, state.Status);
    }

    [Fact]
    public void AMaileonUnsubscribeStampedInTheSecondTheDoubleOptInStartedCounts()
    {
        var state = Given(Subscribed, since: 5, lastRequest: 5, doiRequested: 5);
        state.DoiRequestedAt = T(5).AddMilliseconds(640);
        state.LastRequestAt = state.DoiRequestedAt;

        SubscriptionStateMachine.Apply(state, Maileon(MaileonUnsubscribed, 5));

        Assert.Equal(Unsubscribed, state.Status);
    }

    [Theory]
    [InlineData(None, null)]
    [InlineData(Pending, "AwaitingConfirmation")]
    [InlineData(Subscribed, "Subscribed")]
    [InlineData(Unsubscribed, "Unsubscribed")]
    public void FieldOptionShowsTheStatus(SubscriptionStatus status, string? option) =>
        Assert.Equal(option, SubscriptionStateMachine.OptionFor(status)?.ToString());

    private static string Describe(IEnumerable<ContactWork> work) => string.Join("; ", work.Select(w => w.Kind == ContactWorkKind.SetNewsletterField
        ? $"field {w.Option?.ToString() ?? "empty"}"
        : $"{w.Kind} {w.Email}"));
}
