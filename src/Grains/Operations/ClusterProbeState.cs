namespace PipedriveMaileon.Grains.Operations;

/// <summary>Stored state of a probe grain (state name <c>probe</c>).</summary>
public sealed class ClusterProbeState
{
    public string? Value { get; set; }
    public int Writes { get; set; }
    public DateTimeOffset? WrittenAt { get; set; }
}
