using Microsoft.Extensions.Time.Testing;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using PipedriveMaileon.Web.Webhooks;

namespace PipedriveMaileon.UnitTests.Web;

/// <summary>Which ingress failures are retried before answering 503, and for how long (on fake time).</summary>
public sealed class IngressRetryTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 27, 6, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ASiloFailoverIsRiddenOutAndTheWebhookAcknowledged()
    {
        var calls = 0;
        var call = IngressRetry.RunAsync(() =>
        {
            calls++;
            return calls < 3 ? throw new SiloUnavailableException("silo gone") : Task.FromResult(IngressOutcome.Accepted);
        }, time, CancellationToken.None);

        var outcome = await AdvanceUntilDoneAsync(call);

        Assert.Equal(IngressStatus.Accepted, outcome.Status);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task AnOutageLongerThanTheBudgetStillEndsInTheFailureWellInsidePipedrivesTimeout()
    {
        var calls = 0;
        var started = time.GetUtcNow();
        var call = IngressRetry.RunAsync(() =>
        {
            calls++;
            throw new GrainStateUnavailableException("database down");
        }, time, CancellationToken.None);

        await Assert.ThrowsAsync<GrainStateUnavailableException>(() => AdvanceUntilDoneAsync(call));

        Assert.True(calls > 2, $"{calls} calls");
        Assert.True(time.GetUtcNow() - started <= IngressRetry.Budget, $"held for {time.GetUtcNow() - started}");
    }

    [Fact]
    public async Task OtherFailuresAreNotRepeated()
    {
        var calls = 0;
        var call = IngressRetry.RunAsync(() =>
        {
            calls++;
            throw new InvalidOperationException("a bug");
        }, time, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => call);
        Assert.Equal(1, calls);
    }

    private async Task<T> AdvanceUntilDoneAsync<T>(Task<T> call)
    {
        for (var i = 0; i < 1000 && !call.IsCompleted; i++)
        {
            await Task.Delay(1);
            time.Advance(TimeSpan.FromMilliseconds(50));
        }

        return await call;
    }
}
