namespace PipedriveMaileon.LoadGenerator.Reporting;

/// <summary>
/// One topology of a scale-out series under equal per-process CPU caps: its throughput, efficiency against n × T(1),
/// the cores each tier used during the phase, and what bound it.
/// </summary>
public sealed record ScalePoint(
    string On,
    int Processes,
    double CapCores,
    TopologyResult Result,
    PhaseResult Phase,
    double AckedPerSecond,
    double? Efficiency,
    double? CappedCores,
    double? SiloCores,
    double? WebCores,
    double? PostgresCores,
    double? MachineCores,
    string Bound);
