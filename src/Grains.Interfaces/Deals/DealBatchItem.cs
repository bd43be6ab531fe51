namespace PipedriveMaileon.Grains.Interfaces.Deals;

/// <summary>One Maileon transaction for an existing contact (by Maileon id, else external id, else email); content as JSON text.</summary>
[GenerateSerializer, Immutable, Alias("pm.DealBatchItem")]
public sealed record DealBatchItem
{
    [Id(0)] public required string TypeName { get; init; }
    [Id(1)] public long? ContactId { get; init; }
    [Id(2)] public string? ContactExternalId { get; init; }
    [Id(3)] public string? ContactEmail { get; init; }
    [Id(4)] public required string ContentJson { get; init; }
    [Id(5)] public string? TransactionId { get; init; }
}
