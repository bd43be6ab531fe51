namespace PipedriveMaileon.Grains.Interfaces.Operations;

/// <summary>What a probe grain holds, and which silo answered.</summary>
[GenerateSerializer, Immutable, Alias("pm.ProbeRecord")]
public sealed record ProbeRecord(
    [property: Id(0)] string? Value,
    [property: Id(1)] int Writes,
    [property: Id(2)] DateTimeOffset? WrittenAt,
    [property: Id(3)] string Silo);
