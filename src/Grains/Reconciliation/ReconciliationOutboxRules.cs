using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Reconciliation;

/// <summary>
/// Reconciliation hands what it finds to the persons' grains and has no effects of its own: its outbox is the
/// durable journal and state writes only, so no entry ever reaches these rules.
/// </summary>
public sealed class ReconciliationOutboxRules : IOutboxRules<ReconciliationState, ReconciliationWork, ReconciliationWork>
{
    public string WorkKindOf(ReconciliationWork work) => "none";

    public bool NeedsIntentRecord(ReconciliationWork work) => false;

    public EffectPlan<ReconciliationWork> Plan(ReconciliationState state, OutboxEntry<ReconciliationWork> entry, OutboxKey key) =>
        EffectPlan<ReconciliationWork>.Settle(EffectOutcome.Fail("reconciliation has no side effects of its own"));

    public void Apply(ReconciliationState state, RecordedEffect<ReconciliationWork> effect)
    {
    }
}
