using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Deals;

/// <summary>Stored state of a deal (state name <c>deal</c>): ordering memory, what the settings page shows, and the outbox.</summary>
public sealed class DealState : IOutboxState<DealWork>
{
    public DateTimeOffset? OutboxDueAt { get; set; }

    public DealOrderingState Ordering { get; set; } = new();

    /// <summary>The deal's Smart BCC address once read from Pipedrive (read once per deal).</summary>
    public string? SmartBccEmail { get; set; }

    public string? LastEvent { get; set; }
    public DateTimeOffset? LastEventAt { get; set; }
    public string? LastResult { get; set; }
    public DateTimeOffset? LastResultAt { get; set; }
    public long Sent { get; set; }

    public OutboxQueue<DealWork> Outbox { get; set; } = new();
    public List<ConsentLedgerRecord> PendingLedger { get; set; } = [];
    public List<ActivityRecord> PendingActivity { get; set; } = [];
}
