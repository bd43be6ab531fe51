namespace PipedriveMaileon.LoadGenerator.Reporting;

/// <summary>
/// One topology of a scale-out series under equal per-process CPU caps: its throughput, efficiency against n × T(1),
/// the cores each tier used during the phase, and what bound it. A topology measured more than once (each time on a
/// fresh cluster, for example in a series run up and then down) is the mean of its runs: rates and cores are averaged, the p99 is the
/// worst run's, lost and throttled periods are summed.
/// </summary>
public sealed record ScalePoint(
    string On,
    int Processes,
    double CapCores,
    TopologyResult Result,
    IReadOnlyList<ScaleRun> Runs,
    double? Efficiency,
    double? P99,
    long? Lost,
    long ThrottledPeriods,
    double? CappedCores,
    double? SiloCores,
    double? WebCores,
    double? PostgresCores,
    double? MachineCores,
    string Bound)
{
    /// <summary>Silo CPU milliseconds per acknowledged webhook: the silos' cores over the rate (none when nothing was acknowledged).</summary>
    public double? SiloCpuMs => AckedPerSecond > 0 ? SiloCores * 1000 / AckedPerSecond : null;

    /// <summary>Requests one silo sent another, per acknowledged webhook (the runs' mean; null when the silos' counters were not read).</summary>
    public double? RemoteRequests { get; init; }

    /// <summary>Of <see cref="RemoteRequests"/>, those to the silo owning a grain's directory entry.</summary>
    public double? DirectoryRequests { get; init; }

    /// <summary>The silos' GC pause milliseconds per acknowledged webhook, all silos together.</summary>
    public double? GcPauseMs { get; init; }

    /// <summary>The mean of the runs' rates.</summary>
    public double AckedPerSecond => Runs.Average(r => r.AckedPerSecond);

    /// <summary>Measured more than once (each run on a fresh cluster).</summary>
    public bool Repeated => Runs.Count > 1;

    /// <summary>Each run's rate, in the order run: "598, 325".</summary>
    public string ListedRuns => string.Join(", ", Runs.Select(r => r.AckedPerSecond.ToString("0", System.Globalization.CultureInfo.InvariantCulture)));
}
