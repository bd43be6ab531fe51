using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>Stored state of one person (state name <c>contact</c>).</summary>
public sealed class ContactState : IOutboxState<ContactWork>
{
    /// <summary>How many recent event ids are kept for de-duplication (Pipedrive retries within minutes).</summary>
    public const int RememberedEvents = 32;

    public DateTimeOffset? OutboxDueAt { get; set; }

    public SubscriptionState Subscription { get; set; } = new();

    public KnownPerson Person { get; set; } = new();

    /// <summary>Recently accepted event ids, oldest first (bounded).</summary>
    public List<string> RecentEvents { get; set; } = [];

    public int LedgerSequence { get; set; }

    /// <summary>The Newsletter value the app wrote last (what the field should show).</summary>
    public NewsletterOption? WrittenOption { get; set; }

    public OutboxQueue<ContactWork> Outbox { get; set; } = new();
    public List<ConsentLedgerRecord> PendingLedger { get; set; } = [];
    public List<ActivityRecord> PendingActivity { get; set; } = [];

    public bool HasSeen(string eventId) => RecentEvents.Contains(eventId, StringComparer.Ordinal);

    public void Remember(string eventId)
    {
        RecentEvents.Add(eventId);
        if (RecentEvents.Count > RememberedEvents)
        {
            RecentEvents.RemoveRange(0, RecentEvents.Count - RememberedEvents);
        }
    }
}
