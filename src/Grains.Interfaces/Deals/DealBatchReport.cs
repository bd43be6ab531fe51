namespace PipedriveMaileon.Grains.Interfaces.Deals;

/// <summary>Maileon's report for one event of a batch.</summary>
/// <param name="NotSentKind">Set when Maileon gave no report for the event: the failure kind (the API clients' <c>ApiFailureKind</c> as a number).</param>
[GenerateSerializer, Immutable, Alias("pm.DealBatchReport")]
public sealed record DealBatchReport(
    [property: Id(0)] bool Queued,
    [property: Id(1)] string? Message,
    [property: Id(2)] int? NotSentKind = null);
