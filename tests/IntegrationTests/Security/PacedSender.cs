using System.Collections.Concurrent;
using System.Diagnostics;

namespace PipedriveMaileon.IntegrationTests.Security;

/// <summary>
/// Sends <c>count</c> requests at a fixed rate (open loop: request n leaves at start + n / rate whatever the answers
/// before it took), with at most <c>concurrency</c> in flight, and keeps every answer with its latency.
/// </summary>
public static class PacedSender
{
    public static async Task<IReadOnlyList<(int Code, TimeSpan Elapsed)>> RunAsync(int count, double perSecond, int concurrency, Func<int, Task<int>> send)
    {
        var answers = new ConcurrentBag<(int, TimeSpan)>();
        var next = -1;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < count)
            {
                var due = TimeSpan.FromSeconds(n / perSecond) - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }

                var started = Stopwatch.GetTimestamp();
                var code = await send(n);
                answers.Add((code, Stopwatch.GetElapsedTime(started)));
            }
        }).ToList();
        await Task.WhenAll(workers);
        return [.. answers];
    }

    public static double Percentile(IEnumerable<(int Code, TimeSpan Elapsed)> answers, double fraction)
    {
        var sorted = answers.Select(a => a.Elapsed.TotalMilliseconds).Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(sorted.Count * fraction) - 1, 0, sorted.Count - 1)];
    }
}
