using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces.FirstSync;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>
/// Stored state of one tenant's first sync (state name <c>firstsync</c>): which installation and Maileon account it is
/// for, its phase, the preview and the run's progress. Small on purpose: the persons read live in
/// <see cref="FirstSyncScan"/>, so writing progress never rewrites them.
/// </summary>
public sealed class FirstSyncState : IOutboxState<FirstSyncWork>
{
    public DateTimeOffset? OutboxDueAt { get; set; }

    public string? SyncId { get; set; }
    public long MaileonAccountId { get; set; }

    /// <summary>The app was uninstalled since this first sync started: the next setup is a re-install and starts a new one.</summary>
    public bool Uninstalled { get; set; }

    public string? Reason { get; set; }

    public FirstSyncPhase Phase { get; set; }

    /// <summary>While paused or waiting for the budget: the phase to continue in.</summary>
    public FirstSyncPhase ContinueIn { get; set; }

    public DateTimeOffset? ContinuesAt { get; set; }

    public DateTimeOffset? ScannedFrom { get; set; }
    public int ScannedPersons { get; set; }

    public Dictionary<FirstSyncAction, int> ByAction { get; set; } = [];
    public int DoiMails { get; set; }
    public int FieldWrites { get; set; }
    public int MaileonWrites { get; set; }
    public TimeSpan? EstimatedDuration { get; set; }
    public int BudgetDays { get; set; }
    public long EstimatedTokens { get; set; }

    /// <summary>The index of the next address group to apply (groups are in address order, see <see cref="FirstSyncPlan"/>).</summary>
    public int NextGroup { get; set; }
    public int Processed { get; set; }
    public int Total { get; set; }
    public long? ConfirmedBy { get; set; }
    public DateTimeOffset? RunStartedAt { get; set; }

    /// <summary>The rate is measured since the run last started moving (a pause or a budget wait restarts it).</summary>
    public DateTimeOffset? RateSince { get; set; }
    public int ProcessedAtRateSince { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    public string? Problem { get; set; }

    /// <summary>After a failed read: not before this time again.</summary>
    public DateTimeOffset? RetryAt { get; set; }

    /// <summary>Pipedrive calls the first sync made itself (person pages) and Maileon reads, for the report.</summary>
    public int PipedriveCalls { get; set; }
    public int MaileonCalls { get; set; }

    /// <summary>Tokens counted against the first sync's share of the Pipedrive budget on <see cref="BudgetDay"/> (UTC), and in all.</summary>
    public DateOnly? BudgetDay { get; set; }
    public long TokensToday { get; set; }
    public long TokensSpent { get; set; }

    public OutboxQueue<FirstSyncWork> Outbox { get; set; } = new();
    public List<ConsentLedgerRecord> PendingLedger { get; set; } = [];
    public List<ActivityRecord> PendingActivity { get; set; } = [];
}
