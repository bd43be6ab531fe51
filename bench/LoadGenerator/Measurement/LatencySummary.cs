namespace PipedriveMaileon.LoadGenerator.Measurement;

/// <summary>Latency of a set of requests, in milliseconds; null values mean there were no samples.</summary>
public sealed record LatencySummary(int Count, double? P50, double? P99, double? P999, double? Max, double? Mean);
