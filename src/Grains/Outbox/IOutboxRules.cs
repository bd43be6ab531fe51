namespace PipedriveMaileon.Grains.Outbox;

/// <summary>
/// The pure half of a grain type's outbox: which effect an entry becomes, and what an outcome does to the state.
/// No I/O and no clock of its own (both are passed in), deterministic: an outcome is applied again after a version
/// conflict. A silo-wide singleton, testable without a cluster.
/// </summary>
public interface IOutboxRules<in TState, TWork, TCommand>
    where TWork : class
{
    /// <summary>The <c>work_kind</c> metric label: a name from a small fixed set (an enum), never data.</summary>
    string WorkKindOf(TWork work);

    /// <summary>
    /// True for effects that must not run twice (a DOI mail): their start is stored before the first attempt, see
    /// <see cref="OutboxEntry{TWork}.StartedAt"/>.
    /// </summary>
    bool NeedsIntentRecord(TWork work);

    /// <summary>The command for the handler, or an outcome without any call (the work is no longer needed).</summary>
    EffectPlan<TCommand> Plan(TState state, OutboxEntry<TWork> entry, OutboxKey key);

    /// <summary>Applies a recorded outcome: domain state, follow-up work, journal entries.</summary>
    void Apply(TState state, RecordedEffect<TWork> effect);
}
