using System.Globalization;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Grains.Reconciliation;

/// <summary>
/// What reconciliation found in Maileon, as the events the webhooks would have delivered. Only contacts whose
/// external id names this company are ours: a Maileon account may be shared with other tenants and other systems.
/// Event ids are deterministic per fact, so reading the same fact again is a duplicate for the person's grain.
/// </summary>
public static class MaileonFacts
{
    /// <summary>An unsubscription from the report; null when it is not one of this company's persons or has no address.</summary>
    public static MaileonFact? FromUnsubscription(MaileonUnsubscription unsubscription, long companyId)
    {
        ArgumentNullException.ThrowIfNull(unsubscription);
        if (!IsOurs(unsubscription.ExternalId, companyId, out var personId) || string.IsNullOrWhiteSpace(unsubscription.Email))
        {
            return null;
        }

        var at = unsubscription.Timestamp;
        var contact = unsubscription.ContactId?.ToString(CultureInfo.InvariantCulture) ?? "-";
        var when = at?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? "-";
        return new MaileonFact(personId, new MaileonEvent
        {
            Kind = MaileonEventKind.Unsubscribed,
            Email = unsubscription.Email.Trim(),
            ExternalId = unsubscription.ExternalId,
            MaileonContactId = unsubscription.ContactId,
            Timestamp = at,
            MailingId = unsubscription.MailingId?.ToString(CultureInfo.InvariantCulture),
            EventId = $"reconciliation:unsubscription:{unsubscription.ExternalId}:{contact}:{when}",
        });
    }

    /// <summary>
    /// A contact from the contact list that holds a confirmed double opt-in (DOI or DOI+); null when it does not, is
    /// anonymised, has no address or is not one of this company's persons. One fact per Maileon contact: a new
    /// subscription after an unsubscribe is a new contact in Maileon.
    /// </summary>
    public static MaileonFact? FromContact(MaileonContact contact, long companyId, MaileonWallClock clock)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(clock);
        if (!contact.HasConfirmedDoubleOptIn || contact.Anonymous || string.IsNullOrWhiteSpace(contact.Email)
            || !IsOurs(contact.ExternalId, companyId, out var personId))
        {
            return null;
        }

        var contactKey = contact.Id?.ToString(CultureInfo.InvariantCulture) ?? contact.Email.Trim().ToUpperInvariant();
        return new MaileonFact(personId, new MaileonEvent
        {
            Kind = MaileonEventKind.DoiConfirmed,
            Email = contact.Email.Trim(),
            ExternalId = contact.ExternalId,
            MaileonContactId = contact.Id,
            Timestamp = contact.Updated is { } updated ? clock.ToInstant(updated) : null,
            EventId = $"reconciliation:doi:{contact.ExternalId}:{contactKey}",
        });
    }

    private static bool IsOurs(string? externalId, long companyId, out long personId) =>
        ContactExternalId.TryParse(externalId?.Trim(), out var company, out personId) && company == companyId;
}
