using PipedriveMaileon.Database.Journal;

namespace PipedriveMaileon.Grains.Outbox;

/// <summary>
/// The part of a grain's stored state that records work still to do: side effects in order, and journal entries
/// not yet copied to their tables. <see cref="OutboxDueAt"/> is a top-level JSON property on purpose: the storage
/// write copies it into an indexed column, which is how the sweeper finds work again after a crash.
/// </summary>
public interface IOutboxState<TWork>
    where TWork : class
{
    OutboxQueue<TWork> Outbox { get; }

    List<ConsentLedgerRecord> PendingLedger { get; }

    List<ActivityRecord> PendingActivity { get; }

    DateTimeOffset? OutboxDueAt { get; set; }
}
