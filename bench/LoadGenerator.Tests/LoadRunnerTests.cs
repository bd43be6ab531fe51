using System.Collections.Concurrent;
using PipedriveMaileon.LoadGenerator.Load;

namespace PipedriveMaileon.LoadGenerator.Tests;

public sealed class LoadRunnerTests
{
    [Fact]
    public async Task Closed_loop_sends_each_run_on_one_worker_lane_with_one_request_at_a_time()
    {
        const int concurrency = 6;
        var inFlight = new int[concurrency];
        var overlapped = 0;
        var sendsPerLane = new ConcurrentDictionary<int, int>();
        var everyLaneSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var progress = new Progress("test", total: 600);

        async Task<int> Send(long index, CancellationToken cancellationToken)
        {
            var lane = LoadRunner.Lane ?? throw new InvalidOperationException($"request {index} ran without a lane");
            if (Interlocked.Increment(ref inFlight[lane]) > 1)
            {
                Interlocked.Increment(ref overlapped);
            }

            sendsPerLane.AddOrUpdate(lane, 1, (_, n) => n + 1);
            if (sendsPerLane.Count == concurrency)
            {
                everyLaneSent.TrySetResult();
            }

            // Nobody finishes before every worker has a request in flight: the lanes are that many workers.
            await everyLaneSent.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            Interlocked.Decrement(ref inFlight[lane]);
            return 200;
        }

        var log = await LoadRunner.ClosedLoopAsync(Send, concurrency, duration: null, count: 600, progress);

        Assert.Equal(600, log.Count);
        Assert.Equal(0, overlapped);
        Assert.Equal(Enumerable.Range(0, concurrency), sendsPerLane.Keys.Order());
        Assert.Equal(600, sendsPerLane.Values.Sum());
    }

    [Fact]
    public async Task Open_loop_sends_have_no_lane()
    {
        var lanes = new ConcurrentBag<int?>();
        using var progress = new Progress("test", total: 20);

        var log = await LoadRunner.OpenLoopAsync(
            (_, _) => { lanes.Add(LoadRunner.Lane); return Task.FromResult(200); }, rate: 1000, TimeSpan.FromMilliseconds(20), maxOutstanding: 4, progress);

        Assert.Equal(20, log.Count);
        Assert.All(lanes, lane => Assert.Null(lane));
    }
}
