using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using PipedriveMaileon.Grains.Interfaces;

namespace PipedriveMaileon.Grains.Hosting;

/// <summary>
/// Makes sure the cluster's outbox sweeper has its reminder, once this silo is active, without holding up the silo's
/// start. Registering goes through the reminder table and a grain that may live on a silo still joining, so while a
/// cluster forms (several silos starting at once) the call can time out; it is retried with backoff (1 s doubling to
/// 30 s) until it succeeds or the silo stops. Registering is idempotent, so every silo doing it is harmless, and the
/// reminder is durable: one success anywhere is enough.
/// </summary>
public sealed partial class OutboxSweeperStarter(
    IGrainFactory grains, TimeProvider time, ILogger<OutboxSweeperStarter> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource stopping = new();
    private Task running = Task.CompletedTask;

    /// <summary>Runs <paramref name="start"/> until it succeeds, retrying every failure; only cancellation ends it early.</summary>
    public static ResiliencePipeline Retries(TimeProvider time, Action<int, Exception?> onRetry) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(30),
                OnRetry = args =>
                {
                    onRetry(args.AttemptNumber + 1, args.Outcome.Exception);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(OutboxSweeperStarter), ServiceLifecycleStage.Active, OnStart, OnStop);

    private Task OnStart(CancellationToken cancellationToken)
    {
        var pipeline = Retries(time, (attempt, error) => LogRetry(error, attempt));
        running = Task.Run(() => pipeline.ExecuteAsync(async _ => await grains.OutboxSweeper().Start(), stopping.Token).AsTask());
        return Task.CompletedTask;
    }

    private async Task OnStop(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        try
        {
            await running.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping before the reminder was registered: another silo, or this one's next start, registers it.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not register the outbox sweeper's reminder yet (attempt {Attempt}); retrying")]
    private partial void LogRetry(Exception? exception, int attempt);
}
