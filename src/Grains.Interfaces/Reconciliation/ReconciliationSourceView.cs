namespace PipedriveMaileon.Grains.Interfaces.Reconciliation;

/// <summary>
/// One source of the last run: its checkpoint (everything changed before it is applied), what the run found and
/// applied, and whether it caught up or continues next time.
/// </summary>
[GenerateSerializer, Immutable, Alias("pm.ReconciliationSourceView")]
public sealed record ReconciliationSourceView
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public DateTimeOffset? Checkpoint { get; init; }
    [Id(2)] public long Found { get; init; }
    [Id(3)] public long Applied { get; init; }
    [Id(4)] public long Skipped { get; init; }
    [Id(5)] public bool CaughtUp { get; init; }
    [Id(6)] public string? Error { get; init; }
    [Id(7)] public long TotalApplied { get; init; }
}
