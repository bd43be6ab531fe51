using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>The first sync queues no effects (see <see cref="FirstSyncWork"/>): no entry ever reaches these rules.</summary>
public sealed class FirstSyncOutboxRules : IOutboxRules<FirstSyncState, FirstSyncWork, FirstSyncWork>
{
    public string WorkKindOf(FirstSyncWork work) => "none";

    public bool NeedsIntentRecord(FirstSyncWork work) => false;

    public EffectPlan<FirstSyncWork> Plan(FirstSyncState state, OutboxEntry<FirstSyncWork> entry, OutboxKey key) =>
        EffectPlan<FirstSyncWork>.Settle(EffectOutcome.Fail("the first sync has no side effects of its own"));

    public void Apply(FirstSyncState state, RecordedEffect<FirstSyncWork> effect)
    {
    }
}
