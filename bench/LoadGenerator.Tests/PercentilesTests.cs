using PipedriveMaileon.LoadGenerator.Measurement;

namespace PipedriveMaileon.LoadGenerator.Tests;

public sealed class PercentilesTests
{
    [Fact]
    public void Nearest_rank_over_one_to_hundred()
    {
        var sorted = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();
        Assert.Equal(50, Percentiles.Of(sorted, 50));
        Assert.Equal(99, Percentiles.Of(sorted, 99));
        Assert.Equal(100, Percentiles.Of(sorted, 99.9));
        Assert.Equal(1, Percentiles.Of(sorted, 0));
        Assert.Equal(100, Percentiles.Of(sorted, 100));
    }

    [Fact]
    public void No_samples_give_no_percentile()
    {
        Assert.Null(Percentiles.Of([], 50));
        var summary = Percentiles.Summarise([]);
        Assert.Equal(0, summary.Count);
        Assert.Null(summary.P99);
    }

    [Fact]
    public void Summary_sorts_and_reports_tail()
    {
        var samples = Enumerable.Repeat(1.0, 998).Append(500).Append(1000).Reverse();
        var summary = Percentiles.Summarise(samples);
        Assert.Equal(1000, summary.Count);
        Assert.Equal(1, summary.P50);
        Assert.Equal(1, summary.P99);
        Assert.Equal(500, summary.P999);
        Assert.Equal(1000, summary.Max);
    }

    [Fact]
    public void Histogram_counts_every_sample_in_log_buckets()
    {
        double[] samples = [0.5, 1, 2, 3, 10, 40, 100, 1000];
        var buckets = Histogram.LogBuckets(samples);
        Assert.Equal(samples.Length, buckets.Sum(b => b.Count));
        Assert.All(buckets.Zip(buckets.Skip(1)), pair => Assert.Equal(pair.First.ToMs, pair.Second.FromMs, 6));
        Assert.All(samples, s => Assert.Contains(buckets, b => b.FromMs <= s + 1e-9 && s < b.ToMs + 1e-9));
    }

    [Fact]
    public void Acked_timeline_counts_only_2xx_by_completion_second()
    {
        RequestSample[] samples = [new(0, 10, 200), new(900, 200, 202), new(1500, 10, 500), new(2100, 5, 0)];
        Assert.Equal([1, 1, 0], RequestLog.AckedPerSecond(samples, TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void Rss_is_read_from_proc_status()
    {
        Assert.Equal(2048L * 1024, ProcessMemory.Parse(["Name:\tdotnet", "VmRSS:\t    2048 kB", "VmData: 1 kB"]));
        Assert.Null(ProcessMemory.Parse(["Name: x"]));
        Assert.NotNull(ProcessMemory.RssBytes(Environment.ProcessId));
    }
}
