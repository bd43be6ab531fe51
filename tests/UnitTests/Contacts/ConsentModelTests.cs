using System.Diagnostics;
using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using Xunit.Abstractions;

namespace PipedriveMaileon.UnitTests.Contacts;

/// <summary>
/// Model-based test of the consent rules for one person with one address: random histories of Newsletter edits,
/// DOI confirmations and Maileon unsubscribes, delivered with duplicates and reorderings, must end where a simple
/// reference model (the rules in words, applied in source-time order) ends, and never start a DOI or confirm a
/// subscription that an earlier unsubscribe forbids.
/// </summary>
public sealed class ConsentModelTests(ITestOutputHelper output)
{
    private const string Address = "max@example.com";
    private const int Seeds = 20;
    private const int SequencesPerSeed = 600;
    private static readonly DateTimeOffset Epoch = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private enum Kind
    {
        UserSubscribe,
        UserUnsubscribe,
        UserOverwrite,
        DoiConfirmed,
        MaileonUnsubscribed,
    }

    /// <summary>One thing that happened, at its source time (what Pipedrive's or Maileon's timestamp says).</summary>
    private sealed record Event(string Id, Kind Kind, DateTimeOffset At);

    [Fact]
    public void RandomHistoriesEndWhereTheReferenceModelEndsAndNeverResubscribeWithoutALaterRequest()
    {
        var watch = Stopwatch.StartNew();
        var total = new Counts();
        var finalStatuses = new Dictionary<SubscriptionStatus, int>();
        for (var seed = 1; seed <= Seeds; seed++)
        {
            var random = new Random(seed);
            for (var n = 0; n < SequencesPerSeed; n++)
            {
                var run = new Run(random, $"seed {seed}, sequence {n}", total);
                run.Execute();
                var expected = ReferenceModel(run.History, run.Mails, byClickedMail: true);
                var byTime = ReferenceModel(run.History, run.Mails, byClickedMail: false);
                if (run.State.Status != expected)
                {
                    // The one tolerated difference: the contact clicked an older mail after a new request but before
                    // that request's mail went out. Timestamps cannot tell that click from one on the new mail.
                    if (run.State.Status != byTime || (expected, byTime) != (SubscriptionStatus.Pending, SubscriptionStatus.Subscribed))
                    {
                        Assert.Fail($"{run.Name}: the reference model ends {expected}, the state machine ended {run.State.Status}.\n{run.Describe()}");
                    }

                    total.AmbiguousClicks++;
                }

                total.Sequences++;
                finalStatuses[expected] = finalStatuses.GetValueOrDefault(expected) + 1;
            }
        }

        output.WriteLine($"{total.Sequences} sequences, {total.Events} events ({total.MaileonEvents} from Maileon), {total.Deliveries} deliveries " +
                         $"({total.Duplicates} duplicates dropped), {total.DoiStarts} DOIs started, {total.Refused} re-subscribe attempts refused, " +
                         $"{total.StaleIgnored} stale requests ignored, {total.LateUnsubscribes} late unsubscribes before an absorbed subscribe request, " +
                         $"{total.AmbiguousClicks} ended subscribed by a click on an old mail after a new request but before its mail, " +
                         $"in {watch.ElapsedMilliseconds} ms");
        output.WriteLine("final statuses: " + string.Join(", ", finalStatuses.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}")));
        Assert.True(total.Sequences >= 10_000);
        Assert.True(total.Refused > 0, "no refused re-subscribe: the histories do not exercise the tombstone");
        Assert.True(total.StaleIgnored > 0, "no stale request: the histories do not exercise reordering");
        Assert.True(total.Duplicates > 0, "no duplicate delivery");
        Assert.All(Enum.GetValues<SubscriptionStatus>(), s => Assert.True(finalStatuses.GetValueOrDefault(s) > 0, $"no history ended {s}"));
    }

    /// <summary>A DOI mail: when it went out, and the source time of the subscribe request it was sent for.</summary>
    private sealed record DoiMail(DateTimeOffset Sent, DateTimeOffset ForRequestAt);

    /// <summary>
    /// The rules in words, applied in the order things happened: a user's "Subscribe" starts a DOI unless one is
    /// running or done; a user's "Unsubscribed" and a Maileon unsubscribe always unsubscribe; a DOI confirmation only
    /// completes a running DOI (it never undoes an unsubscribe), and only if the mail clicked (the newest one the
    /// contact had) was sent for a request of the running DOI: a click on a mail from before an unsubscribe confirms
    /// nothing. Any other value a user picks changes nothing.
    /// With <paramref name="byClickedMail"/> false, the click is judged by time only, as the app can see it: it counts
    /// when it happened after a request of the running DOI that got a mail (even if that mail went out after the click).
    /// </summary>
    private static SubscriptionStatus ReferenceModel(IEnumerable<Event> history, IReadOnlyList<DoiMail> mails, bool byClickedMail)
    {
        var status = SubscriptionStatus.None;
        var runningSince = DateTimeOffset.MinValue;
        foreach (var e in history.OrderBy(e => e.At))
        {
            switch (e.Kind)
            {
                case Kind.UserSubscribe when status is SubscriptionStatus.None or SubscriptionStatus.Unsubscribed:
                    status = SubscriptionStatus.Pending;
                    runningSince = e.At;
                    break;
                case Kind.UserUnsubscribe or Kind.MaileonUnsubscribed:
                    status = SubscriptionStatus.Unsubscribed;
                    break;
                case Kind.DoiConfirmed when status == SubscriptionStatus.Pending:
                    var confirms = byClickedMail
                        ? mails.Last(m => m.Sent < e.At).ForRequestAt >= runningSince
                        : mails.Any(m => m.ForRequestAt >= runningSince && m.ForRequestAt < e.At);
                    if (confirms)
                    {
                        status = SubscriptionStatus.Subscribed;
                    }

                    break;
            }
        }

        return status;
    }

    private sealed class Counts
    {
        public int Sequences, Events, MaileonEvents, Deliveries, Duplicates, DoiStarts, Refused, StaleIgnored, LateUnsubscribes, AmbiguousClicks;
    }

    /// <summary>
    /// One history, simulated on a wall clock. Users edit the Newsletter field (1 s to 10 min apart); every webhook
    /// arrives 0 to 15 min after it happened, and one in five is delivered again up to 45 min later, so deliveries
    /// overtake each other within a window of a few events. The Maileon contact only reacts to DOI mails the state
    /// machine actually asked for: it may click the link (soon, or late), or unsubscribe later on.
    /// Every delivery goes through the grain's de-duplication (event ids) and then the state machine, and the
    /// invariants are checked after each one.
    /// </summary>
    private sealed class Run(Random random, string name, Counts counts)
    {
        private readonly PriorityQueue<Event, (DateTimeOffset Wall, int Sequence)> deliveries = new();
        private readonly HashSet<string> seenIds = new(StringComparer.Ordinal);
        private readonly List<DateTimeOffset> subscribeRequests = [];
        private readonly List<string> delivered = [];
        private DateTimeOffset? latestUnsubscribe;
        private int sequence;
        private int maileonEvents;

        /// <summary>A DOI was started since the person last became unsubscribed.</summary>
        private bool doiSinceUnsubscribe;

        public string Name { get; } = name;
        public List<Event> History { get; } = [];
        public List<DoiMail> Mails { get; } = [];
        public SubscriptionState State { get; } = new();

        public void Execute()
        {
            var at = Epoch;
            var length = random.Next(1, 13);
            for (var i = 0; i < length; i++)
            {
                at = at.AddSeconds(random.Next(1, 600));
                var roll = random.Next(100);
                Happen(new Event($"p{i}", roll < 45 ? Kind.UserSubscribe : roll < 80 ? Kind.UserUnsubscribe : Kind.UserOverwrite, at));
            }

            while (deliveries.TryDequeue(out var e, out var when))
            {
                Deliver(e, when.Wall);
            }
        }

        private void Happen(Event e)
        {
            History.Add(e);
            counts.Events++;
            Enqueue(e, e.At.AddSeconds(random.Next(0, 15 * 60)));
            if (random.Next(100) < 20)
            {
                Enqueue(e, e.At.AddSeconds(random.Next(0, 45 * 60)));
            }
        }

        private void Enqueue(Event e, DateTimeOffset wall) => deliveries.Enqueue(e, (wall, sequence++));

        private void Deliver(Event e, DateTimeOffset wall)
        {
            counts.Deliveries++;
            delivered.Add(e.Id);
            if (!seenIds.Add(e.Id))
            {
                counts.Duplicates++;
                return;
            }

            if (e.Kind == Kind.UserSubscribe)
            {
                subscribeRequests.Add(e.At);
            }

            if (e.Kind is Kind.UserUnsubscribe or Kind.MaileonUnsubscribed && !(latestUnsubscribe >= e.At))
            {
                latestUnsubscribe = e.At;
            }

            var statusBefore = State.Status;
            var lastRequestBefore = State.LastRequestAt;
            var decision = SubscriptionStateMachine.Apply(State, Signal(e));
            var starts = decision.Work.Where(w => w.Kind == ContactWorkKind.StartDoubleOptIn).ToList();
            string Context() => $"{Name}, after delivering {e.Id} ({e.Kind} at {Minute(e.At)}):\n{Describe()}";

            foreach (var start in starts)
            {
                counts.DoiStarts++;
                Assert.True(SubscriptionStateMachine.SameAddress(Address, start.Email), $"DOI for the wrong address. {Context()}");

                // After an unsubscribe at U, only a user's Subscribe made after U may start a DOI.
                if (latestUnsubscribe is { } unsubscribedAt && !subscribeRequests.Any(t => t > unsubscribedAt))
                {
                    Assert.Fail($"DOI started although no subscribe request delivered so far is later than the unsubscribe at {Minute(unsubscribedAt)}. {Context()}");
                }

                Mails.Add(new DoiMail(wall, State.StatusSince!.Value));
                ContactReactsToDoiMail(wall);
            }

            if (starts.Count > 0)
            {
                doiSinceUnsubscribe = true;
            }

            if (State.Status == SubscriptionStatus.Unsubscribed && statusBefore != SubscriptionStatus.Unsubscribed)
            {
                doiSinceUnsubscribe = false;
            }

            if (State.Status == SubscriptionStatus.Subscribed && statusBefore != SubscriptionStatus.Subscribed)
            {
                Assert.True(e.Kind == Kind.DoiConfirmed, $"Became subscribed without a DOI confirmation. {Context()}");
                Assert.True(statusBefore != SubscriptionStatus.Unsubscribed, $"A DOI confirmation made an unsubscribed person subscribed. {Context()}");
            }

            if (statusBefore == SubscriptionStatus.Unsubscribed && State.Status != SubscriptionStatus.Unsubscribed)
            {
                Assert.True(doiSinceUnsubscribe && State.Status == SubscriptionStatus.Pending, $"Left the unsubscribed state without a new DOI. {Context()}");
            }

            Assert.False(lastRequestBefore > State.LastRequestAt, $"The latest request time went backwards. {Context()}");

            if (e.Kind == Kind.UserSubscribe && statusBefore == SubscriptionStatus.Unsubscribed && starts.Count == 0 && !(lastRequestBefore > e.At))
            {
                // Refused (made before the unsubscribe): the field is put back to "Unsubscribed".
                counts.Refused++;
                Assert.Contains(decision.Work, w => w.Kind == ContactWorkKind.SetNewsletterField && w.Option == NewsletterOption.Unsubscribed);
            }

            if (e.Kind is Kind.UserSubscribe or Kind.UserUnsubscribe && lastRequestBefore > e.At)
            {
                if (State.Status == statusBefore && decision.Work.Count == 0)
                {
                    counts.StaleIgnored++;
                }
                else
                {
                    // The one exception: an unsubscribe that happened before a later, absorbed subscribe request
                    // withdraws the old consent and starts the DOI the later request asked for.
                    Assert.True(e.Kind == Kind.UserUnsubscribe, $"A stale subscribe request changed something. {Context()}");
                    Assert.Equal([ContactWorkKind.Unsubscribe, ContactWorkKind.StartDoubleOptIn], decision.Work.Select(w => w.Kind));
                    Assert.Equal(SubscriptionStatus.Pending, State.Status);
                    counts.LateUnsubscribes++;
                }
            }
        }

        /// <summary>The DOI mail goes out now; the contact may click it (soon or much later) and may unsubscribe later.</summary>
        private void ContactReactsToDoiMail(DateTimeOffset sent)
        {
            var roll = random.Next(100);
            if (roll < 55)
            {
                FromMaileon(Kind.DoiConfirmed, sent.AddSeconds(random.Next(5, 20 * 60)));
            }
            else if (roll < 70)
            {
                FromMaileon(Kind.DoiConfirmed, sent.AddSeconds(random.Next(20 * 60, 120 * 60)));
            }

            if (random.Next(100) < 30)
            {
                FromMaileon(Kind.MaileonUnsubscribed, sent.AddSeconds(random.Next(5, 60 * 60)));
            }
        }

        private void FromMaileon(Kind kind, DateTimeOffset at)
        {
            counts.MaileonEvents++;
            Happen(new Event($"m{maileonEvents++}", kind, at));
        }

        public string Describe() =>
            "  happened:  " + string.Join(", ", History.OrderBy(e => e.At).Select(e => $"{e.Id} {e.Kind}@{Minute(e.At)}")) + "\n" +
            "  delivered: " + string.Join(", ", delivered) + "\n" +
            "  DOI mails: " + string.Join(", ", Mails.Select(m => $"sent {Minute(m.Sent)} for the request at {Minute(m.ForRequestAt)}"));
    }

    private static ContactSignal Signal(Event e) => e.Kind switch
    {
        Kind.UserSubscribe => new ContactSignal(ContactSignalKind.SubscribeRequested, e.At, "pipedrive-user:7", "webhook") { Email = Address },
        Kind.UserUnsubscribe => new ContactSignal(ContactSignalKind.UnsubscribeRequested, e.At, "pipedrive-user:7", "webhook") { Email = Address },
        Kind.UserOverwrite => new ContactSignal(ContactSignalKind.FieldOverwritten, e.At, "pipedrive-user:7", "webhook") { Email = Address },
        Kind.DoiConfirmed => new ContactSignal(ContactSignalKind.DoiConfirmed, e.At, "maileon", "webhook") { Email = Address },
        Kind.MaileonUnsubscribed => new ContactSignal(ContactSignalKind.MaileonUnsubscribed, e.At, "maileon", "webhook") { Email = Address },
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };

    private static string Minute(DateTimeOffset at) => $"t+{(at - Epoch).TotalMinutes:0.0}m";
}
