namespace PipedriveMaileon.Grains.Interfaces.Engagement;

/// <summary>Where one report (opens, clicks, bounces) of the tenant's engagement poll stands.</summary>
[GenerateSerializer, Immutable, Alias("pm.EngagementSourceView")]
public sealed record EngagementSourceView
{
    [Id(0)] public string Name { get; init; } = "";
    [Id(1)] public DateTimeOffset? Checkpoint { get; init; }

    /// <summary>A pass is unfinished (the budget or the page cap stopped it): the rest waits for the next run.</summary>
    [Id(2)] public bool Behind { get; init; }
    [Id(3)] public long RowsRead { get; init; }
}
