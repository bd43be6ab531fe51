using System.Collections.Concurrent;

namespace PipedriveMaileon.LoadGenerator.Measurement;

/// <summary>Every request of one phase: when it was due (relative to the phase start), its latency and its status.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<RequestSample> samples = new();

    public int Count => samples.Count;

    public void Add(RequestSample sample) => samples.Enqueue(sample);

    public IReadOnlyList<RequestSample> Samples => [.. samples];

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
