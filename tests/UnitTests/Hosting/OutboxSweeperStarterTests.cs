using Microsoft.Extensions.Time.Testing;
using PipedriveMaileon.Grains.Hosting;

namespace PipedriveMaileon.UnitTests.Hosting;

/// <summary>How a silo keeps trying to register the outbox sweeper's reminder while its cluster forms (on fake time).</summary>
public sealed class OutboxSweeperStarterTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 6, 15, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task TimeoutsWhileTheClusterFormsAreRetriedWithGrowingPausesUntilTheRegistrationSucceeds()
    {
        var calls = new List<DateTimeOffset>();
        var retries = new List<int>();
        var pipeline = OutboxSweeperStarter.Retries(time, (attempt, _) => retries.Add(attempt));

        var run = pipeline.ExecuteAsync(_ =>
        {
            calls.Add(time.GetUtcNow());
            return calls.Count < 7 ? throw new TimeoutException("Response did not arrive on time") : ValueTask.CompletedTask;
        }).AsTask();
        await AdvanceUntilDoneAsync(run);

        Assert.Equal(7, calls.Count);
        Assert.Equal([1, 2, 3, 4, 5, 6], retries);
        var pauses = calls.Zip(calls.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        // 1, 2, 4, 8, 16, then at most 30 s, each to within the fake clock's 250 ms step.
        Assert.All(pauses.Select((p, i) => (p, expected: Math.Min(Math.Pow(2, i), 30))), x => Assert.InRange(x.p, x.expected, x.expected + 0.25));
    }

    [Fact]
    public async Task StoppingTheSiloEndsTheRetries()
    {
        var calls = 0;
        using var stopping = new CancellationTokenSource();
        var pipeline = OutboxSweeperStarter.Retries(time, (_, _) => { });

        var run = pipeline.ExecuteAsync(_ =>
        {
            calls++;
            throw new TimeoutException("Response did not arrive on time");
        }, stopping.Token).AsTask();
        await AdvanceAsync(20);
        await stopping.CancelAsync();
        await AdvanceAsync(20);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        var afterStop = calls;
        await AdvanceAsync(20);
        Assert.Equal(afterStop, calls);
        Assert.True(calls >= 2, $"{calls} calls before stopping");
    }

    private async Task AdvanceUntilDoneAsync(Task run)
    {
        for (var i = 0; i < 2000 && !run.IsCompleted; i++)
        {
            await Task.Delay(1);
            time.Advance(TimeSpan.FromMilliseconds(250));
        }

        await run;
    }

    private async Task AdvanceAsync(int steps)
    {
        for (var i = 0; i < steps; i++)
        {
            await Task.Delay(1);
            time.Advance(TimeSpan.FromMilliseconds(250));
        }
    }
}
