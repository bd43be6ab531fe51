namespace PipedriveMaileon.Grains.Interfaces.FirstSync;

/// <summary>What the settings page shows of a tenant's first sync: the preview before it runs, the progress while it does.</summary>
[GenerateSerializer, Immutable, Alias("pm.FirstSyncView")]
public sealed record FirstSyncView
{
    [Id(0)] public FirstSyncPhase Phase { get; init; }

    /// <summary>Why it was started: first install, re-install, another Maileon account.</summary>
    [Id(1)] public string? Reason { get; init; }

    [Id(2)] public int ScannedPersons { get; init; }

    /// <summary>Persons per action (the preview).</summary>
    [Id(3)] public IReadOnlyDictionary<FirstSyncAction, int> ByAction { get; init; } = new Dictionary<FirstSyncAction, int>();

    [Id(4)] public int DoiMails { get; init; }
    [Id(5)] public int FieldWrites { get; init; }
    [Id(6)] public int MaileonWrites { get; init; }

    /// <summary>How long the run is expected to take, and over how many budget days.</summary>
    [Id(7)] public TimeSpan? EstimatedDuration { get; init; }
    [Id(8)] public int BudgetDays { get; init; }
    [Id(9)] public long EstimatedTokens { get; init; }

    /// <summary>Persons the run has handled so far, of <see cref="Total"/>.</summary>
    [Id(10)] public int Processed { get; init; }
    [Id(11)] public int Total { get; init; }
    [Id(12)] public DateTimeOffset? RunStartedAt { get; init; }

    /// <summary>Persons per minute while running; null before there is a rate.</summary>
    [Id(13)] public double? PersonsPerMinute { get; init; }
    [Id(14)] public TimeSpan? Remaining { get; init; }
    [Id(15)] public DateTimeOffset? FinishedAt { get; init; }
    [Id(16)] public string? Problem { get; init; }

    /// <summary>When a run waiting for the budget continues.</summary>
    [Id(17)] public DateTimeOffset? ContinuesAt { get; init; }

    public int Count(FirstSyncAction action) => ByAction.GetValueOrDefault(action);

    /// <summary>The page fetches the panel again while this is true.</summary>
    public bool Moving => Phase is FirstSyncPhase.Scanning or FirstSyncPhase.Deciding or FirstSyncPhase.Running;
}
