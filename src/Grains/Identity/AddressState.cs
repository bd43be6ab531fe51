using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Identity;

/// <summary>Stored state of one address of one tenant (state name <c>address</c>).</summary>
public sealed class AddressState : IOutboxState<AddressWork>
{
    /// <summary>How many recent event and message ids are kept for de-duplication.</summary>
    public const int RememberedEvents = 64;

    public DateTimeOffset? OutboxDueAt { get; set; }

    /// <summary>The consent (the rules of <see cref="AddressConsentRules"/>) and the persons with this primary address.</summary>
    public AddressConsent Entry { get; set; } = new();

    /// <summary>
    /// Persons the first sync registered without a mark of their own ("left alone"): they are not shown the outcome of
    /// that first sync's double opt-in, only the address's next change.
    /// </summary>
    public List<long> Quiet { get; set; } = [];

    public List<string> RecentEvents { get; set; } = [];

    public OutboxQueue<AddressWork> Outbox { get; set; } = new();
    public List<ConsentLedgerRecord> PendingLedger { get; set; } = [];
    public List<ActivityRecord> PendingActivity { get; set; } = [];

    public bool HasSeen(string eventId) => RecentEventIds.Contains(RecentEvents, eventId);

    public void Remember(string eventId) => RecentEventIds.Add(RecentEvents, eventId, RememberedEvents);
}
