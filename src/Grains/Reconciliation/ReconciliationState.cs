using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Reconciliation;

/// <summary>Stored state of one tenant's reconciliation (state name <c>reconciliation</c>).</summary>
public sealed class ReconciliationState : IOutboxState<ReconciliationWork>
{
    public DateTimeOffset? OutboxDueAt { get; set; }

    /// <summary>Periodic runs are wanted (setup succeeded and the app was not uninstalled since).</summary>
    public bool Scheduled { get; set; }

    /// <summary>The reminder's period as registered, so a changed interval is registered again.</summary>
    public int ScheduledIntervalMinutes { get; set; }

    public DateTimeOffset? ScheduledAt { get; set; }

    public DateTimeOffset? LastRunStartedAt { get; set; }

    public DateTimeOffset? LastRunFinishedAt { get; set; }

    public string? LastError { get; set; }

    public long TokensSpent { get; set; }

    public long? TokenAllowance { get; set; }

    public ReconciliationSourceState Unsubscriptions { get; set; } = new();

    public ReconciliationSourceState DoiConfirmations { get; set; } = new();

    public ReconciliationSourceState Persons { get; set; } = new();

    public OutboxQueue<ReconciliationWork> Outbox { get; set; } = new();
    public List<ConsentLedgerRecord> PendingLedger { get; set; } = [];
    public List<ActivityRecord> PendingActivity { get; set; } = [];

    public IEnumerable<(string Name, ReconciliationSourceState Source)> Sources()
    {
        yield return ("Maileon unsubscriptions", Unsubscriptions);
        yield return ("Maileon DOI confirmations", DoiConfirmations);
        yield return ("Pipedrive persons", Persons);
    }
}
