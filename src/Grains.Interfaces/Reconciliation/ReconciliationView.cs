namespace PipedriveMaileon.Grains.Interfaces.Reconciliation;

/// <summary>What the settings page shows about a tenant's reconciliation.</summary>
[GenerateSerializer, Immutable, Alias("pm.ReconciliationView")]
public sealed record ReconciliationView
{
    /// <summary>Periodic runs are scheduled.</summary>
    [Id(0)] public bool Scheduled { get; init; }
    [Id(1)] public bool Running { get; init; }
    [Id(2)] public DateTimeOffset? LastRunStartedAt { get; init; }
    [Id(3)] public DateTimeOffset? LastRunFinishedAt { get; init; }
    [Id(4)] public DateTimeOffset? NextRunAt { get; init; }

    /// <summary>Why the last run failed or did not run, in words for the admin; null when it went well.</summary>
    [Id(5)] public string? LastError { get; init; }

    /// <summary>Pipedrive tokens the last run spent, and its allowance when known.</summary>
    [Id(6)] public long TokensSpent { get; init; }
    [Id(7)] public long? TokenAllowance { get; init; }
    [Id(8)] public IReadOnlyList<ReconciliationSourceView> Sources { get; init; } = [];
}
