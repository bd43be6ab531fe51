using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// Stored state of one tenant's engagement poll (state name <c>engagement</c>, contract version
/// <see cref="CurrentVersion"/>): the setting, a checkpoint per report, the bounce field, and what the last run did.
/// </summary>
public sealed class EngagementState : IOutboxState<EngagementWork>
{
    public const int CurrentVersion = 1;

    /// <summary>
    /// The stored contract's version. Its default stays 1 for good (and is left out of the JSON like every default), so a
    /// state without it is version 1; a later contract writes its own number and migrates on read.
    /// </summary>
    public int Version { get; set; } = 1;

    public DateTimeOffset? OutboxDueAt { get; set; }

    public EngagementSettings Settings { get; set; } = new();

    public DateTimeOffset? EnabledAt { get; set; }

    public EngagementPollState Poll { get; set; } = new();

    /// <summary>The "Maileon bounce" field as found or created (key and option), or why it cannot be used.</summary>
    public string? BounceFieldKey { get; set; }

    public long? BounceOptionId { get; set; }

    public bool BounceFieldIsSet { get; set; }

    public string? BounceFieldProblem { get; set; }

    public DateTimeOffset? LastRunStartedAt { get; set; }

    public DateTimeOffset? LastRunFinishedAt { get; set; }

    public string? LastError { get; set; }

    public long TokensQueued { get; set; }

    public long? TokenAllowance { get; set; }

    public bool StoppedAtBudget { get; set; }

    /// <summary>Rows of the last run per verdict, and the persons they reached.</summary>
    public Dictionary<string, long> Verdicts { get; set; } = [];

    public long PersonsReached { get; set; }

    /// <summary>Rows read per report since the setting was switched on.</summary>
    public Dictionary<string, long> RowsRead { get; set; } = [];

    public OutboxQueue<EngagementWork> Outbox { get; set; } = new();
    public List<ConsentLedgerRecord> PendingLedger { get; set; } = [];
    public List<ActivityRecord> PendingActivity { get; set; } = [];
}
