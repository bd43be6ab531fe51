using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.GrainTests.Outbox;

/// <summary>The probe's rules: every entry is a call; work named <c>once…</c> must not run twice (intent record).</summary>
public sealed class OutboxProbeRules : IOutboxRules<OutboxProbeState, ProbeWork, ProbeWork>
{
    public const string GrainType = "outboxprobe";

    public string WorkKindOf(ProbeWork work) => "probe";

    public bool NeedsIntentRecord(ProbeWork work) => work.Name.StartsWith("once", StringComparison.Ordinal);

    public EffectPlan<ProbeWork> Plan(OutboxProbeState state, OutboxEntry<ProbeWork> entry, OutboxKey key) => EffectPlan<ProbeWork>.Call(entry.Work);

    public void Apply(OutboxProbeState state, RecordedEffect<ProbeWork> effect)
    {
        if (effect.Disposition == OutboxDisposition.Completed)
        {
            state.Completed.Add(effect.Work.Name);
        }

        state.PendingActivity.Add(new ActivityRecord
        {
            EntryId = Guid.NewGuid(),
            OccurredAt = effect.Now,
            Level = effect.Disposition == OutboxDisposition.Parked ? ActivityLevel.Error : ActivityLevel.Info,
            Area = "probe",
            Message = $"{effect.Work.Name}: {effect.Disposition} ({effect.Outcome.Summary})",
        });
    }
}
