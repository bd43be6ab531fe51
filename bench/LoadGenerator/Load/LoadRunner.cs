using System.Diagnostics;
using PipedriveMaileon.LoadGenerator.Measurement;

namespace PipedriveMaileon.LoadGenerator.Load;

/// <summary>
/// Drives a send function: closed loop (N workers back to back, "as fast as possible") or open loop (a fixed
/// rate; latency is measured from when each request was due, so a stalled server cannot hide its queueing).
/// The send function gets the request's index and returns the HTTP status (0 when there was no answer).
/// </summary>
public static class LoadRunner
{
    private static readonly AsyncLocal<int?> CurrentLane = new();

    /// <summary>
    /// The closed-loop worker (0 to concurrency - 1) on whose behalf a send runs; null in open loop. A sender that spreads
    /// over several processes pins each worker to one of them, so every process has its own share of the requests in
    /// flight: spread per request, workers pile up on whichever process is paused (a CPU quota's throttled part of its
    /// period) and starve the others.
    /// </summary>
    public static int? Lane => CurrentLane.Value;

    public static async Task<RequestLog> ClosedLoopAsync(
        Func<long, CancellationToken, Task<int>> send, int concurrency, TimeSpan? duration, long? count, Progress progress)
    {
        var log = new RequestLog();
        var clock = Stopwatch.StartNew();
        long next = -1;
        using var stop = new CancellationTokenSource();
        if (duration is { } limit)
        {
            stop.CancelAfter(limit);
        }

        async Task Worker(int lane)
        {
            CurrentLane.Value = lane;
            while (!stop.IsCancellationRequested)
            {
                var index = Interlocked.Increment(ref next);
                if (count is { } total && index >= total)
                {
                    return;
                }

                var started = clock.Elapsed.TotalMilliseconds;
                var status = await SafeSend(send, index);
                log.Add(new RequestSample(started, clock.Elapsed.TotalMilliseconds - started, status));
                progress.Advance();
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(lane => Task.Run(() => Worker(lane))));
        return log;
    }

    /// <summary>Sends <paramref name="rate"/> requests per second for <paramref name="duration"/>, at most <paramref name="maxOutstanding"/> in flight.</summary>
    public static async Task<RequestLog> OpenLoopAsync(
        Func<long, CancellationToken, Task<int>> send, double rate, TimeSpan duration, int maxOutstanding, Progress progress)
    {
        var log = new RequestLog();
        var total = (long)Math.Max(1, Math.Round(rate * duration.TotalSeconds));
        var intervalMs = 1000.0 / rate;
        using var gate = new SemaphoreSlim(maxOutstanding);
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();
        for (long i = 0; i < total; i++)
        {
            var dueMs = i * intervalMs;
            var wait = dueMs - clock.Elapsed.TotalMilliseconds;
            if (wait > 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait));
            }

            await gate.WaitAsync();
            var index = i;
            inFlight.Add(Task.Run(async () =>
            {
                try
                {
                    var status = await SafeSend(send, index);
                    log.Add(new RequestSample(dueMs, clock.Elapsed.TotalMilliseconds - dueMs, status));
                    progress.Advance();
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        await Task.WhenAll(inFlight);
        return log;
    }

    private static async Task<int> SafeSend(Func<long, CancellationToken, Task<int>> send, long index)
    {
        try
        {
            return await send(index, CancellationToken.None);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or Npgsql.NpgsqlException or TimeoutException)
        {
            return 0;
        }
    }
}
