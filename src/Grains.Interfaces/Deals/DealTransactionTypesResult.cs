namespace PipedriveMaileon.Grains.Interfaces.Deals;

/// <summary>The answer of <see cref="IDealTransactionTypesGrain.Ensure"/>.</summary>
[GenerateSerializer, Immutable, Alias("pm.DealTransactionTypesResult")]
public sealed record DealTransactionTypesResult
{
    [Id(0)] public required DealTransactionTypesStatus Status { get; init; }

    /// <summary>For the activity log when not ready: what is wrong and what the admin can do. Never holds secrets.</summary>
    [Id(1)] public string? Message { get; init; }

    [Id(2)] public IReadOnlyList<DealTransactionTypeRef> Types { get; init; } = [];

    /// <summary>When <see cref="DealTransactionTypesStatus.Unavailable"/>: whether trying again later may help.</summary>
    [Id(3)] public bool Retryable { get; init; }

    [Id(4)] public TimeSpan? RetryAfter { get; init; }

    /// <summary>When <see cref="DealTransactionTypesStatus.Unavailable"/>: Maileon refused the API key (the admin must fix it).</summary>
    [Id(5)] public bool CredentialsRefused { get; init; }

    public DealTransactionTypeRef? Find(string name) => Types.FirstOrDefault(t => t.Name == name);
}
