using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>What an engagement write found or did in Pipedrive.</summary>
public abstract record EngagementEffectResult : EffectResult
{
    /// <summary>The entry now holds the write's content (created, found by its key, or updated).</summary>
    public sealed record EntryWritten(long PipedriveId, EngagementTarget Target, string Digest) : EngagementEffectResult;

    /// <summary>The entry is gone (a user deleted it, or the person): it is left alone.</summary>
    public sealed record EntryGone : EngagementEffectResult;

    /// <summary>The bounce flag shows what it should (written or already right).</summary>
    public sealed record Flagged : EngagementEffectResult;
}
