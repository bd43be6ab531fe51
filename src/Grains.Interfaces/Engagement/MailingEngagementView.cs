namespace PipedriveMaileon.Grains.Interfaces.Engagement;

/// <summary>One mailing as the person panel shows it.</summary>
[GenerateSerializer, Immutable, Alias("pm.MailingEngagementView")]
public sealed record MailingEngagementView
{
    [Id(0)] public long MailingId { get; init; }
    [Id(1)] public string? Subject { get; init; }
    [Id(2)] public int Opens { get; init; }
    [Id(3)] public int Clicks { get; init; }
    [Id(4)] public int Links { get; init; }
    [Id(5)] public bool HardBounce { get; init; }
    [Id(6)] public DateTimeOffset? LastAt { get; init; }

    /// <summary>Whether the timeline entry shows the current counts.</summary>
    [Id(7)] public bool Written { get; init; }
}
