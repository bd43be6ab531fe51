using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Deals;

/// <summary>A deal's outbox rules: each entry is one event to send; outcomes update what the settings page shows.</summary>
public sealed class DealOutboxRules : IOutboxRules<DealState, DealWork, DealEffect>
{
    public string WorkKindOf(DealWork work) => work.Kind.ToString();

    /// <summary>Events carry a deterministic transaction id that a retry checks first; a few (old types without it) may repeat.</summary>
    public bool NeedsIntentRecord(DealWork work) => false;

    public EffectPlan<DealEffect> Plan(DealState state, OutboxEntry<DealWork> entry, OutboxKey key)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(entry);
        return EffectPlan<DealEffect>.Call(new DealEffect(entry.Work, state.SmartBccEmail));
    }

    public void Apply(DealState state, RecordedEffect<DealWork> effect)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(effect);
        var result = (effect.Outcome as EffectOutcome.Succeeded)?.Result;
        if (result is DealEventResult.Sent { LearnedSmartBccEmail: { } bcc })
        {
            state.SmartBccEmail = bcc;
        }

        if (effect.Disposition is OutboxDisposition.WillRetry or OutboxDisposition.WaitingForCredentials)
        {
            return;
        }

        var dealId = effect.Key.EntityId;
        var personId = effect.Work.Deal.PersonId;
        var summary = effect.Outcome.Summary;
        state.LastResultAt = effect.Now;
        if (effect.Disposition == OutboxDisposition.Parked)
        {
            state.LastResult = $"Parked: {summary}";
            DealDecisions.Note(state, effect.Now, ActivityLevel.Error, $"{summary} The event is parked after {effect.Entry.Attempts} attempt(s); retry it from the settings page once the cause is fixed.", personId, dealId);
            return;
        }

        state.LastResult = summary;
        if (result is DealEventResult.Sent)
        {
            state.Sent++;
        }

        DealDecisions.Note(state, effect.Now, result is DealEventResult.NotSent notSent ? notSent.Level : ActivityLevel.Info, summary, personId, dealId);
    }
}
