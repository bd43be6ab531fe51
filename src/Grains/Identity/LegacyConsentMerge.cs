using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Identity;

namespace PipedriveMaileon.Grains.Identity;

/// <summary>
/// Persons kept their consent by themselves before addresses held it; each hands its consent to its address once.
/// Several persons with one address merge: an unsubscribe wins unless a request came after it, else the latest request
/// (a confirmed subscription over a pending one). Work still queued moves along: a double opt-in that may have reached
/// Maileon is checked before it is sent again.
/// </summary>
public static class LegacyConsentMerge
{
    public static void HandOver(AddressState state, AddressMessage message, AddressContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(message);
        var legacy = message.Legacy ?? new LegacyConsent();
        var consent = state.Entry.State;
        var before = consent.Status;
        Merge(consent, legacy);
        state.Entry.Add(message.PersonId);
        state.Quiet.Remove(message.PersonId);
        var after = consent.Status;
        if (legacy.DoiQueued && after == SubscriptionStatus.Pending && !state.Outbox.Entries.Any(e => e.Work.Kind == AddressWorkKind.StartDoubleOptIn))
        {
            var person = message.Person is { } snapshot ? AddressDecisions.KnownPersonOf(snapshot) : null;
            state.Outbox.Enqueue(new AddressWork
            {
                Kind = AddressWorkKind.StartDoubleOptIn, PersonId = message.PersonId, Person = person, Actor = message.Actor, CheckFirst = legacy.DoiMayHaveRun,
            }, context.Now);
        }

        if (legacy.UnsubscribeQueued)
        {
            state.Outbox.EnqueueAhead(new AddressWork { Kind = AddressWorkKind.Unsubscribe, Actor = message.Actor }, context.Now, w => w.Kind is AddressWorkKind.Unsubscribe or AddressWorkKind.Notify);
        }

        foreach (var person in state.Entry.Persons)
        {
            var from = person == message.PersonId ? legacy.Status : before;
            AddressFanOut.Notify(state, person, context, new AddressWork
            {
                WriteField = after != SubscriptionStatus.None && !(legacy.DoiQueued && after == SubscriptionStatus.Pending),
                Ledger = from == after ? null : AddressFanOut.Line(from, after,
                    "Consent is now kept per e-mail address: persons sharing this address were merged (an unsubscribe wins unless a request came after it).",
                    "system", "migration", context.Now),
            });
        }

        AddressFanOut.Note(state, context, ActivityLevel.Info, $"Person {message.PersonId} handed its consent ({legacy.Status}) to its e-mail address, which is now {after}.", message.PersonId);
    }

    /// <summary>Merges a person's kept consent into the address's.</summary>
    public static void Merge(SubscriptionState consent, LegacyConsent legacy)
    {
        ArgumentNullException.ThrowIfNull(consent);
        ArgumentNullException.ThrowIfNull(legacy);
        var lastRequest = Later(consent.LastRequestAt, legacy.LastRequestAt);
        var unsubscribedAt = Later(consent.Status == SubscriptionStatus.Unsubscribed ? consent.UnsubscribedAt : null,
            legacy.Status == SubscriptionStatus.Unsubscribed ? legacy.UnsubscribedAt : null);
        var unsubscribed = consent.Status == SubscriptionStatus.Unsubscribed || legacy.Status == SubscriptionStatus.Unsubscribed;
        var laterSubscription = new[] { (consent.Status, consent.LastRequestAt), (legacy.Status, legacy.LastRequestAt) }
            .Any(s => s.Status is SubscriptionStatus.Pending or SubscriptionStatus.Subscribed && s.LastRequestAt > unsubscribedAt);
        consent.LastRequestAt = lastRequest;
        consent.UnsubscribedAt = Later(consent.UnsubscribedAt, legacy.UnsubscribedAt);
        if (unsubscribed && !laterSubscription)
        {
            if (consent.Status != SubscriptionStatus.Unsubscribed)
            {
                consent.StatusSince = legacy.StatusSince;
            }

            consent.Status = SubscriptionStatus.Unsubscribed;
            return;
        }

        if (Rank(legacy.Status) > Rank(consent.Status) || (unsubscribed && consent.Status == SubscriptionStatus.Unsubscribed))
        {
            consent.Status = legacy.Status;
            consent.StatusSince = legacy.StatusSince;
            consent.DoiRequestedAt = legacy.DoiRequestedAt;
        }
    }

    /// <summary>Which of two live statuses holds more consent.</summary>
    private static int Rank(SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.Subscribed => 3,
        SubscriptionStatus.Pending => 2,
        SubscriptionStatus.Unsubscribed => 1,
        _ => 0,
    };

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
