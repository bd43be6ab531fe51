using System.Collections.Concurrent;

namespace PipedriveMaileon.LoadGenerator.Measurement;

/// <summary>Every request of one phase: when it was due (relative to the phase start), its latency and its status.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<RequestSample> samples = new();

    public int Count => samples.Count;

    public void Add(RequestSample sample) => samples.Enqueue(sample);

    public IReadOnlyList<RequestSample> Samples => [.. samples];

    /// <summary>
    /// Adds the samples of <paramref name="slice"/>, a later stretch of the same phase that began
    /// <paramref name="offset"/> into it; answers the stretch's length: <paramref name="planned"/>, or longer when its
    /// last answer came later.
    /// </summary>
    public TimeSpan Append(RequestLog slice, TimeSpan offset, TimeSpan planned)
    {
        ArgumentNullException.ThrowIfNull(slice);
        var end = planned.TotalMilliseconds;
        foreach (var sample in slice.Samples)
        {
            Add(sample with { StartedMs = sample.StartedMs + offset.TotalMilliseconds });
            end = Math.Max(end, sample.StartedMs + sample.LatencyMs);
        }

        return TimeSpan.FromMilliseconds(end);
    }

    /// <summary>Acknowledged requests (2xx) per whole second of the phase.</summary>
    public static IReadOnlyList<int> AckedPerSecond(IReadOnlyList<RequestSample> samples, TimeSpan duration)
    {
        var seconds = new int[Math.Max(1, (int)Math.Ceiling(duration.TotalSeconds))];
        foreach (var sample in samples.Where(s => s.Acknowledged))
        {
            var second = (int)((sample.StartedMs + sample.LatencyMs) / 1000);
            if (second >= 0 && second < seconds.Length)
            {
                seconds[second]++;
            }
        }

        return seconds;
    }
}
