using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>The poller queues no effects of its own (see <see cref="EngagementWork"/>), so no entry ever reaches these rules.</summary>
public sealed class EngagementOutboxRules : IOutboxRules<EngagementState, EngagementWork, EngagementWork>
{
    public string WorkKindOf(EngagementWork work) => "none";

    public bool NeedsIntentRecord(EngagementWork work) => false;

    public EffectPlan<EngagementWork> Plan(EngagementState state, OutboxEntry<EngagementWork> entry, OutboxKey key) =>
        EffectPlan<EngagementWork>.Settle(EffectOutcome.Fail("the engagement poller has no side effects of its own"));

    public void Apply(EngagementState state, RecordedEffect<EngagementWork> effect)
    {
    }
}
