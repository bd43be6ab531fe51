namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// Where a timeline entry stands in Pipedrive: its target and id once created, the digest of what was last written
/// (so an unchanged entry is not written again), when a create was started (so a create whose answer was lost is
/// looked up by its key before it is tried again), and whether a user deleted it (then it is left alone).
/// </summary>
public sealed class EngagementEntryState
{
    public EngagementTarget? Target { get; set; }

    public long? PipedriveId { get; set; }

    public string? WrittenDigest { get; set; }

    public DateTimeOffset? CreateStartedAt { get; set; }

    public bool Gone { get; set; }
}
