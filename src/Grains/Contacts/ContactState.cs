using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Identity;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>Stored state of one person (state name <c>contact</c>).</summary>
public sealed class ContactState : IOutboxState<ContactWork>
{
    /// <summary>How many recent event ids are kept for de-duplication (Pipedrive retries within minutes).</summary>
    public const int RememberedEvents = 32;

    public DateTimeOffset? OutboxDueAt { get; set; }

    private SubscriptionState? subscription;

    /// <summary>
    /// The consent as a person kept it before addresses held it: read from older stored states only, handed to the
    /// person's address once (<see cref="LegacyHandOver"/>) and then null. An empty one (as states since then were
    /// stored) reads as null, so the persons of today hold none.
    /// </summary>
    public SubscriptionState? Subscription
    {
        get => subscription;
        set => subscription = value is null || value.IsEmpty ? null : value;
    }

    public KnownPerson Person { get; set; } = new();

    /// <summary>The person's primary address in the tenant's address index (the key), and a wish waiting for one.</summary>
    public PersonAddress Address { get; set; } = new();

    /// <summary>The consent of the person's address, as its grain last told it.</summary>
    public SubscriptionStatus AddressStatus { get; set; }

    public DateTimeOffset? AddressStatusSince { get; set; }

    /// <summary>What the Newsletter field shows, as far as the grain knows (a webhook, our own write, the first sync's scan).</summary>
    public NewsletterOption? FieldValue { get; set; }

    public bool FieldKnown { get; set; }

    /// <summary>Numbers the messages to addresses (their ids, so a repeat is a duplicate for the address).</summary>
    public long Messages { get; set; }

    /// <summary>Recently accepted event ids, oldest first (bounded).</summary>
    public List<string> RecentEvents { get; set; } = [];

    public int LedgerSequence { get; set; }

    /// <summary>The Newsletter value the app wrote last (what the field should show).</summary>
    public NewsletterOption? WrittenOption { get; set; }

    public OutboxQueue<ContactWork> Outbox { get; set; } = new();
    public List<ConsentLedgerRecord> PendingLedger { get; set; } = [];
    public List<ActivityRecord> PendingActivity { get; set; } = [];

    public bool HasSeen(string eventId) => RecentEventIds.Contains(RecentEvents, eventId);

    public void Remember(string eventId) => RecentEventIds.Add(RecentEvents, eventId, RememberedEvents);
}
