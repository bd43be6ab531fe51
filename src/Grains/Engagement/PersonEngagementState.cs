using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// Stored state of one person's engagement (state name <c>person-engagement</c>, contract version
/// <see cref="CurrentVersion"/>): the counts per mailing with their entries' state, the mailings' subjects, the
/// bounce flag, and the writes still to make.
/// </summary>
public sealed class PersonEngagementState : IOutboxState<PersonEngagementWork>
{
    public const int CurrentVersion = 1;

    public int Version { get; set; } = CurrentVersion;

    public DateTimeOffset? OutboxDueAt { get; set; }

    public PersonEngagement Engagement { get; set; } = new();

    /// <summary>The subject of each mailing the person has (quoted in the entry).</summary>
    public Dictionary<long, string> Subjects { get; set; } = [];

    public BounceFlagState Bounce { get; set; } = new();

    public OutboxQueue<PersonEngagementWork> Outbox { get; set; } = new();
    public List<ConsentLedgerRecord> PendingLedger { get; set; } = [];
    public List<ActivityRecord> PendingActivity { get; set; } = [];
}
