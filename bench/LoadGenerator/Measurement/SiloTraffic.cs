namespace PipedriveMaileon.LoadGenerator.Measurement;

/// <summary>
/// Counters of the silos' own telemetry, summed over the silos (see <see cref="SiloCounters"/>): the requests one silo
/// sent another, the grain directory's part of them (lookups, registrations and unregistrations sent to the silo that
/// owns a grain's directory entry), and the garbage collector's pause time.
/// </summary>
public sealed record SiloTraffic(double RemoteRequests, double DirectoryRequests, double GcPauseSeconds)
{
    public static SiloTraffic None { get; } = new(0, 0, 0);

    public static SiloTraffic operator +(SiloTraffic a, SiloTraffic b) =>
        new(a.RemoteRequests + b.RemoteRequests, a.DirectoryRequests + b.DirectoryRequests, a.GcPauseSeconds + b.GcPauseSeconds);

    public static SiloTraffic operator -(SiloTraffic a, SiloTraffic b) =>
        new(a.RemoteRequests - b.RemoteRequests, a.DirectoryRequests - b.DirectoryRequests, a.GcPauseSeconds - b.GcPauseSeconds);
}
