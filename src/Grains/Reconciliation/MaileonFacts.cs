using System.Globalization;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Interfaces.Identity;
using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Grains.Reconciliation;

/// <summary>
/// What reconciliation found in Maileon, as the events the webhooks would have delivered. They reach the tenant by
/// address (<see cref="MaileonEventRouting"/>), whoever created the contact: a Maileon account may be shared with other
/// tenants and other systems, and the address's grain decides what a fact means for this tenant. Event ids are
/// deterministic per fact, so reading the same fact again is a duplicate for the address.
/// </summary>
public static class MaileonFacts
{
    /// <summary>An unsubscription from the report; null when it names no usable address.</summary>
    public static MaileonFact? FromUnsubscription(MaileonUnsubscription unsubscription)
    {
        ArgumentNullException.ThrowIfNull(unsubscription);
        if (EmailAddressKey.Of(unsubscription.Email) is not { } key)
        {
            return null;
        }

        var at = unsubscription.Timestamp;
        var contact = unsubscription.ContactId?.ToString(CultureInfo.InvariantCulture) ?? "-";
        var when = at?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? "-";
        return new MaileonFact(new MaileonEvent
        {
            Kind = MaileonEventKind.Unsubscribed,
            Email = unsubscription.Email!.Trim(),
            ExternalId = unsubscription.ExternalId,
            MaileonContactId = unsubscription.ContactId,
            Timestamp = at,
            MailingId = unsubscription.MailingId?.ToString(CultureInfo.InvariantCulture),
            EventId = $"reconciliation:unsubscription:{key}:{contact}:{when}",
        });
    }

    /// <summary>
    /// A contact from the contact list that holds a confirmed double opt-in (DOI or DOI+); null when it does not, is
    /// anonymised or has no usable address. One fact per Maileon contact: a new subscription after an unsubscribe is a
    /// new contact in Maileon.
    /// </summary>
    public static MaileonFact? FromContact(MaileonContact contact, MaileonWallClock clock)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(clock);
        if (!contact.HasConfirmedDoubleOptIn || contact.Anonymous || EmailAddressKey.Of(contact.Email) is not { } key)
        {
            return null;
        }

        var contactKey = contact.Id?.ToString(CultureInfo.InvariantCulture) ?? key;
        return new MaileonFact(new MaileonEvent
        {
            Kind = MaileonEventKind.DoiConfirmed,
            Email = contact.Email!.Trim(),
            ExternalId = contact.ExternalId,
            MaileonContactId = contact.Id,
            Timestamp = contact.Updated is { } updated ? clock.ToInstant(updated) : null,
            EventId = $"reconciliation:doi:{contactKey}",
        });
    }
}
