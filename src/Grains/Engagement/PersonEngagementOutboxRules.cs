using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// A person's engagement outbox: an entry write becomes the write that brings the mailing's timeline entry up to date
/// (settled without a call when it already is, or when the mailing was let go), the bounce flag a field write; outcomes
/// record the entry's Pipedrive id and the digest of what it shows. Creates store their start first, so a lost answer
/// leads to a look-up by the entry's key, never to a second entry.
/// </summary>
public sealed class PersonEngagementOutboxRules : IOutboxRules<PersonEngagementState, PersonEngagementWork, EngagementEffect>
{
    public string WorkKindOf(PersonEngagementWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return work.Kind.ToString();
    }

    public bool NeedsIntentRecord(PersonEngagementWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return work.Kind == PersonEngagementWorkKind.WriteEntry;
    }

    public EffectPlan<EngagementEffect> Plan(PersonEngagementState state, OutboxEntry<PersonEngagementWork> entry, OutboxKey key)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(entry);
        var work = entry.Work;
        if (work.Kind == PersonEngagementWorkKind.FlagBounce)
        {
            return state.Bounce.FieldKey is null || state.Bounce.BouncedAddress is null
                ? EffectPlan<EngagementEffect>.Settle(EffectOutcome.Done("no bounce field to set"))
                : EffectPlan<EngagementEffect>.Call(new EngagementEffect(key.EntityId, null, null, state.Bounce.Field, state.Bounce.BouncedAddress));
        }

        if (state.Engagement.Mailings.GetValueOrDefault(work.MailingId) is not { } mailing)
        {
            return EffectPlan<EngagementEffect>.Settle(EffectOutcome.Done("the mailing's entry was let go"));
        }

        var write = PersonEngagementDecisions.PlanEntry(state, key.CompanyId, mailing, work.Target);
        return write.Kind == EngagementWriteKind.None
            ? EffectPlan<EngagementEffect>.Settle(EffectOutcome.Done(mailing.Entry.Gone ? "the entry was deleted in Pipedrive; left alone" : "the entry is up to date"))
            : EffectPlan<EngagementEffect>.Call(new EngagementEffect(key.EntityId, write, EngagementEntryKey.Of(key.CompanyId, key.EntityId, work.MailingId), null, null));
    }

    public void Apply(PersonEngagementState state, RecordedEffect<PersonEngagementWork> effect)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(effect);
        var work = effect.Work;
        var result = (effect.Outcome as EffectOutcome.Succeeded)?.Result;
        if (work.Kind == PersonEngagementWorkKind.FlagBounce)
        {
            state.Bounce.FlaggedAt = result is EngagementEffectResult.Flagged ? effect.Now : state.Bounce.FlaggedAt;
        }
        else if (state.Engagement.Mailings.GetValueOrDefault(work.MailingId) is { } mailing)
        {
            switch (result)
            {
                case EngagementEffectResult.EntryWritten written:
                    (mailing.Entry.Target, mailing.Entry.PipedriveId, mailing.Entry.WrittenDigest, mailing.Entry.CreateStartedAt) =
                        (written.Target, written.PipedriveId, written.Digest, null);
                    break;
                case EngagementEffectResult.EntryGone:
                    EngagementEntryPlanner.Vanished(mailing);
                    break;
                case null when mailing.Entry.PipedriveId is null:
                    // A create that failed may still have landed: the next attempt looks for the entry's key first.
                    mailing.Entry.Target ??= work.Target;
                    mailing.Entry.CreateStartedAt ??= effect.Entry.StartedAt ?? effect.Now;
                    break;
            }
        }

        if (effect.Disposition == OutboxDisposition.Parked)
        {
            state.PendingActivity.Add(new ActivityRecord
            {
                EntryId = Guid.NewGuid(),
                OccurredAt = effect.Now,
                Level = ActivityLevel.Error,
                Area = PersonEngagementDecisions.Area,
                PersonId = effect.Key.EntityId,
                Message = $"Maileon engagement on the person's timeline: {effect.Outcome.Summary} Parked after {effect.Entry.Attempts} attempt(s); retry it from the settings page.",
            });
        }
    }
}
