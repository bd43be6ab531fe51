namespace PipedriveMaileon.Grains.Outbox;

/// <summary>An effect's outcome as the outbox just recorded it, for the grain type's rules to apply to the state.</summary>
/// <param name="Entry">The entry (already updated: attempts, due time, parked; removed from the queue when completed).</param>
public sealed record RecordedEffect<TWork>(OutboxEntry<TWork> Entry, EffectOutcome Outcome, OutboxDisposition Disposition, DateTimeOffset Now, OutboxKey Key)
    where TWork : class
{
    public TWork Work => Entry.Work;
}
