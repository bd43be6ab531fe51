namespace PipedriveMaileon.Grains.Interfaces.Engagement;

/// <summary>
/// What the tenant's poller hands one person: the rows, where entries go (note or activity), and the person field
/// that shows a hard bounce (null when there is none the app may use).
/// </summary>
[GenerateSerializer, Immutable, Alias("pm.EngagementDelivery")]
public sealed record EngagementDelivery
{
    [Id(0)] public IReadOnlyList<EngagementRow> Rows { get; init; } = [];
    [Id(1)] public bool AsActivity { get; init; }
    [Id(2)] public string? BounceFieldKey { get; init; }
    [Id(3)] public long? BounceOptionId { get; init; }
    [Id(4)] public bool BounceFieldIsSet { get; init; }
}
