using System.Globalization;
using System.Net;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>Contacts by email: upsert (with DOI), read, list, unsubscribe. Emails in paths are percent-encoded.</summary>
public sealed class MaileonContacts(MaileonTransport transport)
{
    /// <summary>
    /// <c>POST /contacts/email/{email}?permission&amp;sync_mode=1&amp;doi&amp;doiplus[&amp;doimailing][&amp;src][&amp;subscription_page]</c>
    /// with an XML contact body: creates the contact or updates the existing one. Returns the contact id of the
    /// documented <c>201 &lt;id&gt;n&lt;/id&gt;</c>, or null when Maileon sends none. With
    /// <see cref="MaileonUpsertOptions.StartDoubleOptIn"/> the call is never repeated here, since each repeat would
    /// send another DOI mail.
    /// </summary>
    public async Task<long?> UpsertContactAsync(
        MaileonConnection connection,
        string email,
        MaileonContactData contact,
        MaileonUpsertOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(options);
        var query = new QueryString()
            .Add("permission", (long?)options.Permission)
            .Add("sync_mode", 1L)
            .Add("doi", options.StartDoubleOptIn)
            .Add("doiplus", options.DoiPlus)
            .Add("doimailing", options.DoiMailingKey)
            .Add("src", options.Source)
            .Add("subscription_page", options.SubscriptionPage);
        var reply = await transport.SendAsync(
            connection, "UpsertContact", HttpMethod.Post, $"contacts/email/{UrlEncoding.Encode(email)}{query}",
            MaileonContactXml.Write(contact), MaileonTransport.XmlContentType, MaileonTransport.XmlMediaType,
            retrySafe: !options.StartDoubleOptIn, cancellationToken);
        MaileonTransport.EnsureSuccess("UpsertContact", reply, connection);
        return MaileonXml.CreatedId(reply.Body);
    }

    /// <summary>
    /// <c>PUT /contacts/email/{email}</c> with an XML contact body and no permission: updates the existing contact and
    /// never creates one. False when no active contact has the address (never created, or unsubscribed and anonymised:
    /// 404), so a field update can never bring back an unsubscribed contact.
    /// </summary>
    public async Task<bool> UpdateContactAsync(MaileonConnection connection, string email, MaileonContactData contact, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        ArgumentNullException.ThrowIfNull(contact);
        var reply = await transport.SendAsync(
            connection, "UpdateContact", HttpMethod.Put, $"contacts/email/{UrlEncoding.Encode(email)}",
            MaileonContactXml.Write(contact), MaileonTransport.XmlContentType, MaileonTransport.XmlMediaType, true, cancellationToken);
        if (reply.Status == HttpStatusCode.NotFound)
        {
            return false;
        }

        MaileonTransport.EnsureSuccess("UpdateContact", reply, connection);
        return true;
    }

    /// <summary>
    /// <c>GET /contacts/email/{email}?standard_field=..&amp;custom_field=..</c>; null when no contact has that email
    /// (never created, or unsubscribed and anonymised: 404).
    /// </summary>
    public async Task<MaileonContact?> GetContactAsync(
        MaileonConnection connection,
        string email,
        IEnumerable<string>? standardFields = null,
        IEnumerable<string>? customFields = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        var query = new QueryString()
            .AddEach("standard_field", standardFields ?? [])
            .AddEach("custom_field", customFields ?? []);
        var reply = await transport.SendAsync(
            connection, "GetContact", HttpMethod.Get, $"contacts/email/{UrlEncoding.Encode(email)}{query}",
            null, null, MaileonTransport.XmlMediaType, false, cancellationToken);
        if (reply.Status == HttpStatusCode.NotFound)
        {
            return null;
        }

        MaileonTransport.EnsureSuccess("GetContact", reply, connection);
        return MaileonContactXml.Parse(MaileonTransport.ParseXml("GetContact", reply));
    }

    /// <summary>
    /// <c>GET /contacts?page_index&amp;page_size[&amp;updated_after][&amp;standard_field..][&amp;custom_field..]</c>: the
    /// account's contacts, with <c>X-Items</c>/<c>X-Pages</c> totals. <paramref name="updatedAfter"/> is a wall-clock
    /// time in the account's time zone (Maileon reads <c>yyyy-MM-dd HH:mm:ss</c> without a zone), so the caller
    /// decides the zone; reconciliation uses it to find DOI confirmations its webhook missed.
    /// </summary>
    public async Task<MaileonContactPage> ListContactsAsync(
        MaileonConnection connection,
        DateTime? updatedAfter,
        int pageIndex = 1,
        int pageSize = 1000,
        IEnumerable<string>? standardFields = null,
        IEnumerable<string>? customFields = null,
        CancellationToken cancellationToken = default)
    {
        var query = MaileonTransport.Page(pageIndex, pageSize)
            .Add("updated_after", updatedAfter?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))
            .AddEach("standard_field", standardFields ?? [])
            .AddEach("custom_field", customFields ?? []);
        var reply = await transport.SendAsync(
            connection, "ListContacts", HttpMethod.Get, "contacts" + query, null, null, MaileonTransport.XmlMediaType, false, cancellationToken);
        MaileonTransport.EnsureSuccess("ListContacts", reply, connection);
        var items = string.IsNullOrWhiteSpace(reply.Body)
            ? []
            : MaileonTransport.ParseXml("ListContacts", reply).Elements("contact").Select(MaileonContactXml.Parse).ToArray();
        return new MaileonContactPage(items, pageIndex, reply.TotalItems, reply.TotalPages);
    }

    /// <summary><c>DELETE /contacts/email/{email}</c>: erases the contact (all contacts with that address); false when there was none.</summary>
    public async Task<bool> DeleteContactAsync(MaileonConnection connection, string email, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        var reply = await transport.SendAsync(
            connection, "DeleteContact", HttpMethod.Delete, $"contacts/email/{UrlEncoding.Encode(email)}", null, null, MaileonTransport.XmlMediaType, true, cancellationToken);
        if (reply.Status == HttpStatusCode.NotFound)
        {
            return false;
        }

        MaileonTransport.EnsureSuccess("DeleteContact", reply, connection);
        return true;
    }

    /// <summary><c>DELETE /contacts/email/{email}/unsubscribe</c> (204); a 404 means there is nobody left to unsubscribe.</summary>
    public async Task<MaileonUnsubscribeResult> UnsubscribeAsync(MaileonConnection connection, string email, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        var reply = await transport.SendAsync(
            connection, "Unsubscribe", HttpMethod.Delete, $"contacts/email/{UrlEncoding.Encode(email)}/unsubscribe",
            null, null, MaileonTransport.XmlMediaType, true, cancellationToken);
        if (reply.Status == HttpStatusCode.NotFound)
        {
            return MaileonUnsubscribeResult.NotFound;
        }

        MaileonTransport.EnsureSuccess("Unsubscribe", reply, connection);
        return MaileonUnsubscribeResult.Unsubscribed;
    }
}
