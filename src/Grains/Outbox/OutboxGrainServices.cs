using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Hosting;

namespace PipedriveMaileon.Grains.Outbox;

/// <summary>What every outbox grain needs from the silo, bundled so grain constructors stay short.</summary>
public sealed class OutboxGrainServices(TimeProvider time, IJournalWriter journal, RetryPolicy retryPolicy, GrainMetrics metrics)
{
    public TimeProvider Time { get; } = time;

    public IJournalWriter Journal { get; } = journal;

    public RetryPolicy RetryPolicy { get; } = retryPolicy;

    public GrainMetrics Metrics { get; } = metrics;
}
