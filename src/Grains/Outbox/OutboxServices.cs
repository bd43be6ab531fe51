using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Hosting;

namespace PipedriveMaileon.Grains.Outbox;

/// <summary>What every outbox needs from the silo.</summary>
public sealed class OutboxServices(TimeProvider time, IJournalWriter journal, RetryPolicy retryPolicy, GrainMetrics metrics, IGrainFactory grains)
{
    public TimeProvider Time { get; } = time;

    public IJournalWriter Journal { get; } = journal;

    public RetryPolicy RetryPolicy { get; } = retryPolicy;

    public GrainMetrics Metrics { get; } = metrics;

    /// <summary>For the pump's calls to its own grain (<see cref="OutboxPump{TState, TWork, TCommand}"/>).</summary>
    public IGrainFactory Grains { get; } = grains;
}
