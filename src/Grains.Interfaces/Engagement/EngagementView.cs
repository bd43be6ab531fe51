namespace PipedriveMaileon.Grains.Interfaces.Engagement;

/// <summary>What the settings page shows about the tenant's engagement setting and poll.</summary>
[GenerateSerializer, Immutable, Alias("pm.EngagementView")]
public sealed record EngagementView
{
    [Id(0)] public EngagementChoice Choice { get; init; } = new();
    [Id(1)] public bool Running { get; init; }
    [Id(2)] public DateTimeOffset? LastRunStartedAt { get; init; }
    [Id(3)] public DateTimeOffset? LastRunFinishedAt { get; init; }

    /// <summary>Why the last run failed or did not run, in words for the admin; null when it went well.</summary>
    [Id(4)] public string? LastError { get; init; }

    /// <summary>The share of the remaining daily Pipedrive budget one run may spend, and what the last run queued and was allowed.</summary>
    [Id(5)] public double BudgetShare { get; init; }
    [Id(6)] public long TokensQueued { get; init; }
    [Id(7)] public long? TokenAllowance { get; init; }

    /// <summary>The last run stopped at its budget: the rest of the reports waits for the next run.</summary>
    [Id(8)] public bool StoppedAtBudget { get; init; }
    [Id(9)] public IReadOnlyList<EngagementSourceView> Sources { get; init; } = [];

    /// <summary>Rows of the last run per verdict (recorded, not personal, unsubscribed, …).</summary>
    [Id(10)] public IReadOnlyDictionary<string, long> Verdicts { get; init; } = new Dictionary<string, long>();
    [Id(11)] public long PersonsReached { get; init; }

    /// <summary>Why the chosen target cannot be written (a scope missing), or the bounce field's problem; null when none.</summary>
    [Id(12)] public string? Problem { get; init; }

    /// <summary>The installation has the scope activities need (<c>activities:full</c>).</summary>
    [Id(13)] public bool ActivitiesGranted { get; init; }
}
