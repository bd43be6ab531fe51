namespace PipedriveMaileon.LoadGenerator.Measurement;

/// <summary>Log-spaced latency buckets (four per power of ten), wide enough for 0.1 ms to minutes.</summary>
public static class Histogram
{
    public static IReadOnlyList<HistogramBucket> LogBuckets(IReadOnlyCollection<double> samples, int perDecade = 4)
    {
        if (samples.Count == 0)
        {
            return [];
        }

        var low = Math.Floor(Math.Log10(Math.Max(samples.Min(), 0.1)) * perDecade);
        var high = Math.Floor(Math.Log10(Math.Max(samples.Max(), 0.1)) * perDecade) + 1;
        var counts = new int[(int)(high - low)];
        foreach (var sample in samples)
        {
            var index = (int)(Math.Floor(Math.Log10(Math.Max(sample, 0.1)) * perDecade) - low);
            counts[Math.Clamp(index, 0, counts.Length - 1)]++;
        }

        return counts.Select((count, i) => new HistogramBucket(
            Math.Pow(10, (low + i) / perDecade), Math.Pow(10, (low + i + 1) / perDecade), count)).ToList();
    }
}
