namespace PipedriveMaileon.Grains.Outbox;

/// <summary>
/// The rules of a grain that uses its outbox for its durable state and activity journal only (reconciliation, the
/// engagement poll, the first sync: they hand what they find to other grains, whose outboxes do the effects). It queues
/// no work, so no entry ever reaches these rules.
/// </summary>
public sealed class JournalOnlyOutboxRules<TState, TWork> : IOutboxRules<TState, TWork, TWork>
    where TWork : class
{
    public string WorkKindOf(TWork work) => "none";

    public bool NeedsIntentRecord(TWork work) => false;

    public EffectPlan<TWork> Plan(TState state, OutboxEntry<TWork> entry, OutboxKey key) =>
        EffectPlan<TWork>.Settle(EffectOutcome.Fail($"{typeof(TWork).Name} is never queued: this grain has no side effects of its own"));

    public void Apply(TState state, RecordedEffect<TWork> effect)
    {
    }
}
