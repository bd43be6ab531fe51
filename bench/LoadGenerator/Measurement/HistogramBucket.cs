namespace PipedriveMaileon.LoadGenerator.Measurement;

/// <summary>Samples with <see cref="FromMs"/> ≤ latency &lt; <see cref="ToMs"/>.</summary>
public sealed record HistogramBucket(double FromMs, double ToMs, int Count);
