using PipedriveMaileon.Database.Journal;

namespace PipedriveMaileon.Grains.Outbox;

/// <summary>What every outbox grain needs from the silo, bundled so grain constructors stay short.</summary>
public sealed class OutboxGrainServices(TimeProvider time, IJournalWriter journal, RetryPolicy retryPolicy)
{
    public TimeProvider Time { get; } = time;

    public IJournalWriter Journal { get; } = journal;

    public RetryPolicy RetryPolicy { get; } = retryPolicy;
}
