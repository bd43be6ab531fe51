using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Interfaces.Identity;
using PipedriveMaileon.Grains.Interfaces.Engagement;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// What a delivery of report rows does to a person's engagement: counts them (a row counted before counts nothing),
/// and queues one entry write per mailing whose counts grew (unless one is already waiting) and the bounce flag after
/// a hard bounce. Pure and deterministic; returns the Pipedrive tokens the queued writes will cost.
/// </summary>
public static class PersonEngagementDecisions
{
    public const string Area = "engagement";

    public static PersonEngagementChange Record(
        PersonEngagementState state, long companyId, long personId, EngagementDelivery delivery, long? inFlightEntryId, DateTimeOffset now, TimeSpan writeDelay = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(delivery);
        state.Engagement.PersonId = personId;
        var fieldChanged = AdoptBounceField(state.Bounce, delivery);
        var changed = state.Engagement.Fold(delivery.Rows.Select(ToTrackingEvent));
        foreach (var row in delivery.Rows.Where(r => !string.IsNullOrWhiteSpace(r.MailingSubject) && state.Engagement.Mailings.ContainsKey(r.MailingId)))
        {
            state.Subjects[row.MailingId] = row.MailingSubject!;
        }

        foreach (var gone in state.Subjects.Keys.Where(id => !state.Engagement.Mailings.ContainsKey(id)).ToList())
        {
            state.Subjects.Remove(gone);
        }

        var target = delivery.AsActivity ? EngagementTarget.Activity : EngagementTarget.Note;
        var cost = 0;
        foreach (var mailing in changed)
        {
            if (!Waiting(state, PersonEngagementWorkKind.WriteEntry, mailing.MailingId, inFlightEntryId))
            {
                // Made a little later, so the run's other reports still fold into this write (a waiting write is never postponed).
                state.Outbox.Enqueue(new PersonEngagementWork { Kind = PersonEngagementWorkKind.WriteEntry, MailingId = mailing.MailingId, Target = target }, now).DueAt = now + writeDelay;
                cost += EngagementBudget.CostOf(PlanEntry(state, companyId, mailing, target));
            }
        }

        var bounce = delivery.Rows.Where(r => r.Kind == EngagementRowKind.Bounce && r.BounceType == "permanent" && changed.Any(m => m.MailingId == r.MailingId))
            .MaxBy(r => r.Timestamp ?? DateTimeOffset.MinValue);
        if (bounce is not null && EmailAddressKey.Of(bounce.Email) is { } address)
        {
            state.Bounce.BouncedAddress = address;
        }

        if ((bounce is not null || fieldChanged) && state.Bounce.BouncedAddress is not null && state.Bounce.FieldKey is not null
            && !Waiting(state, PersonEngagementWorkKind.FlagBounce, 0, inFlightEntryId))
        {
            state.Outbox.Enqueue(new PersonEngagementWork { Kind = PersonEngagementWorkKind.FlagBounce }, now);
            cost += EngagementBudget.BounceFlagCost + EngagementEffectHandler.PersonReadCost;
        }

        return new PersonEngagementChange(changed.Count > 0 || fieldChanged, cost);
    }

    /// <summary>The write that brings the mailing's entry up to date (none when it shows the current counts).</summary>
    public static EngagementWrite PlanEntry(PersonEngagementState state, long companyId, MailingEngagement mailing, EngagementTarget target)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(mailing);
        var subject = state.Subjects.GetValueOrDefault(mailing.MailingId);
        var key = EngagementEntryKey.Of(companyId, mailing.PersonId, mailing.MailingId);
        return EngagementEntryPlanner.Plan(mailing, target, EngagementEntryText.Subject(mailing, subject), EngagementEntryText.Body(mailing, subject, key));
    }

    public static MaileonTrackingEvent ToTrackingEvent(EngagementRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var kind = row.Kind switch
        {
            EngagementRowKind.Open => MaileonTrackingKind.Open,
            EngagementRowKind.Click => MaileonTrackingKind.Click,
            _ => MaileonTrackingKind.Bounce,
        };
        return new MaileonTrackingEvent(kind, row.Timestamp, row.ContactId, row.Email, null, false, row.MailingId, row.MessageId, row.LinkId, row.LinkUrl, row.BounceType, row.StatusCode);
    }

    public static EngagementRow ToRow(MaileonTrackingEvent row, string? subject)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new EngagementRow
        {
            Kind = row.Kind switch
            {
                MaileonTrackingKind.Open => EngagementRowKind.Open,
                MaileonTrackingKind.Click => EngagementRowKind.Click,
                _ => EngagementRowKind.Bounce,
            },
            Timestamp = row.Timestamp,
            ContactId = row.ContactId,
            Email = row.Email,
            MailingId = row.MailingId ?? 0,
            MessageId = row.MessageId,
            LinkId = row.LinkId,
            LinkUrl = row.LinkUrl,
            BounceType = row.BounceType,
            StatusCode = row.StatusCode,
            MailingSubject = subject,
        };
    }

    /// <summary>Whether work of this kind (and mailing) waits in line; the one in flight writes what was planned before, so it does not count.</summary>
    private static bool Waiting(PersonEngagementState state, PersonEngagementWorkKind kind, long mailingId, long? inFlightEntryId) =>
        state.Outbox.Entries.Any(e => e.Id != inFlightEntryId && e.ParkedAt is null && e.Work.Kind == kind
                                      && (kind != PersonEngagementWorkKind.WriteEntry || e.Work.MailingId == mailingId));

    private static bool AdoptBounceField(BounceFlagState bounce, EngagementDelivery delivery)
    {
        if (delivery.BounceFieldKey is null || (bounce.FieldKey == delivery.BounceFieldKey && bounce.OptionId == delivery.BounceOptionId))
        {
            return false;
        }

        (bounce.FieldKey, bounce.OptionId, bounce.FieldIsSet, bounce.FlaggedAt) = (delivery.BounceFieldKey, delivery.BounceOptionId, delivery.BounceFieldIsSet, null);
        return true;
    }
}
