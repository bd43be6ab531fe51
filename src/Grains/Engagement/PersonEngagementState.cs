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

    /// <summary>
    /// The stored contract's version. Its default stays 1 for good (and is left out of the JSON like every default), so a
    /// state without it is version 1; a later contract writes its own number and migrates on read.
    /// </summary>
    public int Version { get; set; } = 1;

    public DateTimeOffset? OutboxDueAt { get; set; }

    public PersonEngagement Engagement { get; set; } = new();

    /// <summary>The subject of each mailing the person has (quoted in the entry).</summary>
    public Dictionary<long, string> Subjects { get; set; } = [];

    public BounceFlagState Bounce { get; set; } = new();

    public OutboxQueue<PersonEngagementWork> Outbox { get; set; } = new();
    public List<ConsentLedgerRecord> PendingLedger { get; set; } = [];
    public List<ActivityRecord> PendingActivity { get; set; } = [];
}
