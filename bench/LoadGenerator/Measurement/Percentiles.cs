namespace PipedriveMaileon.LoadGenerator.Measurement;

/// <summary>Nearest-rank percentiles: the smallest sample with at least p% of all samples at or below it.</summary>
public static class Percentiles
{
    /// <summary><paramref name="sorted"/> must be ascending; null when there are no samples.</summary>
    public static double? Of(IReadOnlyList<double> sorted, double percent)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        // The epsilon keeps 99.9% of 1000 at rank 999 (0.999 * 1000 is 999.0000000000001 in binary floating point).
        var rank = (int)Math.Ceiling((percent / 100.0 * sorted.Count) - 1e-9);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    public static LatencySummary Summarise(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        return new LatencySummary(
            sorted.Length,
            Of(sorted, 50),
            Of(sorted, 99),
            Of(sorted, 99.9),
            sorted.Length == 0 ? null : sorted[^1],
            sorted.Length == 0 ? null : sorted.Average());
    }
}
