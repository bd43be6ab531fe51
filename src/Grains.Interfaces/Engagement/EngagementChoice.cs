namespace PipedriveMaileon.Grains.Interfaces.Engagement;

/// <summary>
/// The tenant's "Show Maileon engagement in Pipedrive" setting as the settings page submits and shows it: off by
/// default; what is written (opens, clicks, hard bounces) and where (<see cref="AsActivity"/>: a done activity, which
/// needs the scope <c>activities:full</c>; otherwise a note).
/// </summary>
[GenerateSerializer, Immutable, Alias("pm.EngagementChoice")]
public sealed record EngagementChoice
{
    [Id(0)] public bool Enabled { get; init; }
    [Id(1)] public bool Opens { get; init; } = true;
    [Id(2)] public bool Clicks { get; init; } = true;
    [Id(3)] public bool HardBounces { get; init; } = true;
    [Id(4)] public bool AsActivity { get; init; }
}
