using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Interfaces.Contacts;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// Whether a report row counts for a person: only what the tenant chose, only rows Maileon ties to a contact (opens
/// and clicks are personal only with single-user tracking, DOI+), only hard bounces, never for an unsubscribed
/// address or a deleted person, and only for addresses this tenant subscribed (a shared Maileon account shows other
/// tenants' contacts too).
/// </summary>
public static class EngagementRules
{
    public static EngagementVerdict Judge(MaileonTrackingEvent row, EngagementSettings settings, SubscriptionStatus addressStatus, bool personDeleted)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.Wants(row.Kind))
        {
            return EngagementVerdict.NotWanted;
        }

        if (row.Anonymous || string.IsNullOrEmpty(row.Email) || row.MailingId is null)
        {
            return EngagementVerdict.NotPersonal;
        }

        if (row.Kind == MaileonTrackingKind.Bounce && !row.IsHardBounce)
        {
            return EngagementVerdict.SoftBounce;
        }

        if (addressStatus == SubscriptionStatus.Unsubscribed)
        {
            return EngagementVerdict.Unsubscribed;
        }

        var ours = addressStatus == SubscriptionStatus.Subscribed
            || (addressStatus == SubscriptionStatus.Pending && row.Kind == MaileonTrackingKind.Bounce);
        if (!ours)
        {
            return EngagementVerdict.NotSubscribedHere;
        }

        return personDeleted ? EngagementVerdict.PersonDeleted : EngagementVerdict.Record;
    }
}
