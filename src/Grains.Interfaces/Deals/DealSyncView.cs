namespace PipedriveMaileon.Grains.Interfaces.Deals;

/// <summary>A deal's sync status for the settings page. Never holds secrets.</summary>
[GenerateSerializer, Immutable, Alias("pm.DealSyncView")]
public sealed record DealSyncView
{
    [Id(0)] public required long DealId { get; init; }

    /// <summary>The last event recorded, e.g. <c>updated (Pipedrive event 7c81…)</c>.</summary>
    [Id(1)] public string? LastEvent { get; init; }

    /// <summary>When the last recorded event happened at Pipedrive.</summary>
    [Id(2)] public DateTimeOffset? LastEventAt { get; init; }

    /// <summary>What became of the last event that left the outbox (sent, skipped and why, parked and why).</summary>
    [Id(3)] public string? LastResult { get; init; }

    [Id(4)] public DateTimeOffset? LastResultAt { get; init; }

    /// <summary>Events waiting to be sent (including retries).</summary>
    [Id(5)] public int Pending { get; init; }

    /// <summary>Events that failed permanently and wait for <see cref="IDealGrain.RetryParked"/>.</summary>
    [Id(6)] public int Parked { get; init; }

    /// <summary>Why the parked events failed.</summary>
    [Id(7)] public IReadOnlyList<string> ParkedErrors { get; init; } = [];

    /// <summary>True once the deal's delete was recorded.</summary>
    [Id(8)] public bool Deleted { get; init; }

    /// <summary>Events sent to Maileon so far.</summary>
    [Id(9)] public long Sent { get; init; }
}
