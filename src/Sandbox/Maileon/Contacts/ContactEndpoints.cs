using System.Xml.Linq;
using PipedriveMaileon.Sandbox.Maileon.Accounts;
using PipedriveMaileon.Sandbox.Maileon.Wire;

namespace PipedriveMaileon.Sandbox.Maileon.Contacts;

/// <summary>The contact resources: by email, by external id, by Maileon id, listing and counting.</summary>
public static class ContactEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        // POST /contacts/email/{email} (XML or vnd.maileon.api+json body) → 201 <id>n</id> in application/vnd.maileon.api+xml
        // (docs: "Create Contact", "Create Contact (JSON)"; PHP client contacts/ContactsService.php createContact;
        // 201 + id read by the Contao and Loewenstark plugins). Legacy POST|GET /contacts/{email}: Java and .NET clients.
        api.MapPost("/contacts/email/{email}", UpsertByEmail);
        api.MapPost("/contacts/{email}", UpsertByEmail);

        // GET /contacts/email/{email}?standard_field*&custom_field* → 200 <contact> (requested standard fields, nil when
        // empty; requested custom fields with a value) | 404 <error> (docs: "Get Contact By Email"; PHP Contact::fromXML).
        api.MapGet("/contacts/email/{email}", GetByEmail);
        api.MapGet("/contacts/{email}", GetByEmail);

        // PUT /contacts/email/{email}[?permission] → 201, no body (docs: "Update Contact By Email" shows 201 Created).
        api.MapPut("/contacts/email/{email}", UpdateByEmail);

        // DELETE /contacts/email/{email}/unsubscribe → 204 | 404 <error> (Loewenstark plugin checks 204;
        // docs: "Unsubscribe Contacts By Email"; PHP unsubscribeContactByEmail).
        api.MapDelete("/contacts/email/{email}/unsubscribe", UnsubscribeByEmail);
        api.MapDelete("/contacts/email/{email}", DeleteByEmail);

        // GET /contacts/emails/{email} → 200 <contacts> (PHP getContactsByEmail, Contacts::fromXML).
        api.MapGet("/contacts/emails/{email}", ListByEmail);

        // POST|PUT /contacts/externalid/{id} as by email; 409 when the external id is not unique
        // (docs: "Create Contact By External ID (JSON)"; PHP createContactByExternalId, updateContactByExternalId).
        api.MapPost("/contacts/externalid/{externalId}", UpsertByExternalId);

        // GET /contacts/externalid/{id} → 200 <contacts><contact>… (a list: external ids need not be unique;
        // docs: "Get Contacts By External ID"; PHP getContactsByExternalId → Contacts).
        api.MapGet("/contacts/externalid/{externalId}", GetByExternalId);
        api.MapPut("/contacts/externalid/{externalId}", UpdateByExternalId);
        api.MapDelete("/contacts/externalid/{externalId}/unsubscribe", UnsubscribeByExternalId);
        api.MapDelete("/contacts/externalid/{externalId}", DeleteByExternalId);

        // GET /contacts/contact?id&checksum|ignore_checksum=true&standard_field*&custom_field* → 200 <contact> | 404
        // (docs: "Get Contact By Maileon ID" — its example answers Content-Type: application/vnd.maileon.api+xml).
        api.MapGet("/contacts/contact", GetById);

        // PUT /contacts/contact?id&ignore_checksum=true[&triggerdoi=true] → 201 (PHP updateContact re-sends DOI).
        api.MapPut("/contacts/contact", UpdateById);
        api.MapDelete("/contacts/contact/unsubscribe", UnsubscribeById);
        api.MapDelete("/contacts/contact", DeleteById);

        // GET /contacts?page_index&page_size&updated_after → 200 <contacts> + X-Items/X-Pages; GET /contacts/count →
        // <count>n</count> (PHP getContacts, getContactsCount; XMLDeserializer reads <count> as an int).
        api.MapGet("/contacts", List);
        api.MapGet("/contacts/count", Count);
    }

    private static async Task<IResult> UpsertByEmail(HttpContext http, string email, ContactService contacts)
    {
        var query = new QueryReader(http.Request);
        var write = ReadWriteOptions(query);
        if (query.Failed)
        {
            return MaileonResponses.BadRequest(query.Error);
        }

        var (input, error) = await ContactBodyParser.ParseAsync(http.Request);
        if (error is not null)
        {
            return error;
        }

        return IdResult(contacts.UpsertByEmail(AuthenticatedAccount.From(http).AccountId, email, input!, write));
    }

    private static async Task<IResult> UpsertByExternalId(HttpContext http, string externalId, ContactService contacts)
    {
        var query = new QueryReader(http.Request);
        var write = ReadWriteOptions(query);
        if (query.Failed)
        {
            return MaileonResponses.BadRequest(query.Error);
        }

        var (input, error) = await ContactBodyParser.ParseAsync(http.Request);
        if (error is not null)
        {
            return error;
        }

        return IdResult(contacts.UpsertByExternalId(AuthenticatedAccount.From(http).AccountId, externalId, input!, write));
    }

    private static async Task<IResult> UpdateByEmail(HttpContext http, string email, ContactService contacts)
    {
        var query = new QueryReader(http.Request);
        var permission = query.IntInRange("permission", Permission.None, Permission.Other);
        if (query.Failed)
        {
            return MaileonResponses.BadRequest(query.Error);
        }

        var (input, error) = await ContactBodyParser.ParseAsync(http.Request);
        return error ?? EmptyResult(contacts.UpdateByEmail(AuthenticatedAccount.From(http).AccountId, email, input!, permission));
    }

    private static async Task<IResult> UpdateByExternalId(HttpContext http, string externalId, ContactService contacts)
    {
        var query = new QueryReader(http.Request);
        var permission = query.IntInRange("permission", Permission.None, Permission.Other);
        if (query.Failed)
        {
            return MaileonResponses.BadRequest(query.Error);
        }

        var (input, error) = await ContactBodyParser.ParseAsync(http.Request);
        return error ?? EmptyResult(contacts.UpdateByExternalId(AuthenticatedAccount.From(http).AccountId, externalId, input!, permission));
    }

    private static async Task<IResult> UpdateById(HttpContext http, ContactService contacts)
    {
        var query = new QueryReader(http.Request);
        var id = query.Long("id");
        var permission = query.IntInRange("permission", Permission.None, Permission.Other);
        var triggerDoi = query.Bool("triggerdoi", false);
        var write = ReadWriteOptions(query) with { Doi = triggerDoi };
        if (!query.Failed && id is null)
        {
            query.Fail("Parameter id is required.");
        }

        if (!query.Failed && !query.Bool("ignore_checksum", false) && string.IsNullOrEmpty(query.String("checksum")))
        {
            query.Fail("A checksum is required unless ignore_checksum=true.");
        }

        if (query.Failed)
        {
            return MaileonResponses.BadRequest(query.Error);
        }

        var (input, error) = await ContactBodyParser.ParseAsync(http.Request);
        return error ?? EmptyResult(contacts.UpdateById(AuthenticatedAccount.From(http).AccountId, id!.Value, input!, permission, triggerDoi ? write : null));
    }

    private static IResult GetByEmail(HttpContext http, string email, MaileonStore store, ContactXml xml) =>
        Read(http, store, (account, standard, custom) =>
            account.FindActiveByEmail(email) is { } contact
                ? MaileonResponses.Xml(xml.Write(contact, standard, custom))
                : MaileonResponses.NotFound($"Contact with email '{email}' not found."));

    private static IResult ListByEmail(HttpContext http, string email, MaileonStore store, ContactXml xml) =>
        Read(http, store, (account, standard, custom) =>
            MaileonResponses.Xml(new XElement("contacts",
                account.Contacts.Values.Where(c => !c.Anonymous && string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase))
                    .OrderBy(c => c.Id).Select(c => xml.Write(c, standard, custom)))));

    /// <summary>External ids need not be unique, so this is a list; none matching is an empty list (sandbox choice).</summary>
    private static IResult GetByExternalId(HttpContext http, string externalId, MaileonStore store, ContactXml xml) =>
        Read(http, store, (account, standard, custom) =>
            MaileonResponses.Xml(new XElement("contacts", account.FindActiveByExternalId(externalId).Select(c => xml.Write(c, standard, custom)))));

    private static IResult GetById(HttpContext http, MaileonStore store, ContactXml xml)
    {
        var id = new QueryReader(http.Request).Long("id");
        return Read(http, store, (account, standard, custom) =>
            id is { } value && account.Contacts.GetValueOrDefault(value) is { } contact
                ? MaileonResponses.Xml(xml.Write(contact, standard, custom))
                : MaileonResponses.NotFound($"Contact with id {id} not found."));
    }

    private static IResult List(HttpContext http, MaileonStore store, ContactXml xml, MaileonTime time)
    {
        var query = new QueryReader(http.Request);
        var (index, size) = query.Page(100);
        var updatedAfter = ReadUpdatedAfter(query, time);
        if (query.Failed)
        {
            return MaileonResponses.BadRequest(query.Error);
        }

        return Read(http, store, (account, standard, custom) =>
        {
            var matching = Active(account, updatedAfter).ToList();
            MaileonResponses.Paging(http, matching.Count, size);
            return MaileonResponses.Xml(new XElement("contacts",
                matching.Skip((index - 1) * size).Take(size).Select(c => xml.Write(c, standard, custom))));
        });
    }

    private static IResult Count(HttpContext http, MaileonStore store, MaileonTime time)
    {
        var query = new QueryReader(http.Request);
        var updatedAfter = ReadUpdatedAfter(query, time);
        if (query.Failed)
        {
            return MaileonResponses.BadRequest(query.Error);
        }

        lock (store.Gate)
        {
            return MaileonResponses.Count(Active(store.FindAccount(AuthenticatedAccount.From(http).AccountId)!, updatedAfter).Count());
        }
    }

    private static IResult UnsubscribeByEmail(HttpContext http, string email, ContactService contacts) =>
        Unsubscribe(http, contacts, account => account.FindActiveByEmail(email) is { } c ? [c] : [], $"Contact with email '{email}' not found.");

    private static IResult UnsubscribeByExternalId(HttpContext http, string externalId, ContactService contacts) =>
        Unsubscribe(http, contacts, account => account.FindActiveByExternalId(externalId), $"No contact has the external id '{externalId}'.");

    private static IResult UnsubscribeById(HttpContext http, ContactService contacts)
    {
        var id = new QueryReader(http.Request).Long("id");
        return Unsubscribe(http, contacts,
            account => id is { } value && account.Contacts.GetValueOrDefault(value) is { Anonymous: false } c ? [c] : [],
            $"Contact with id {id} not found.");
    }

    private static IResult DeleteByEmail(HttpContext http, string email, ContactService contacts) =>
        EmptyResult(contacts.Delete(AuthenticatedAccount.From(http).AccountId,
            account => account.FindActiveByEmail(email) is { } c ? [c] : [], $"Contact with email '{email}' not found."));

    private static IResult DeleteByExternalId(HttpContext http, string externalId, ContactService contacts) =>
        EmptyResult(contacts.Delete(AuthenticatedAccount.From(http).AccountId,
            account => account.FindActiveByExternalId(externalId), $"No contact has the external id '{externalId}'."));

    private static IResult DeleteById(HttpContext http, ContactService contacts)
    {
        var id = new QueryReader(http.Request).Long("id");
        return EmptyResult(contacts.Delete(AuthenticatedAccount.From(http).AccountId,
            account => id is { } value && account.Contacts.GetValueOrDefault(value) is { } c ? [c] : [], $"Contact with id {id} not found."));
    }

    private static IResult Unsubscribe(HttpContext http, ContactService contacts, Func<Accounts.NewsletterAccount, IReadOnlyList<MaileonContact>> select, string notFound)
    {
        var query = new QueryReader(http.Request);
        var mailingId = query.Long("mailingId");
        if (query.Failed)
        {
            return MaileonResponses.BadRequest($"Mailing with id {query.String("mailingId")} not found or not sent (sealed).");
        }

        var reasons = query.All("reason");
        return EmptyResult(contacts.Unsubscribe(AuthenticatedAccount.From(http).AccountId, select, "api", reasons, notFound, mailingId));
    }

    private static IResult Read(HttpContext http, MaileonStore store, Func<Accounts.NewsletterAccount, IReadOnlyList<string>, IReadOnlyList<string>, IResult> render)
    {
        var query = new QueryReader(http.Request);
        var standard = query.All("standard_field").Select(f => f.ToUpperInvariant()).Distinct().ToList();
        if (standard.FirstOrDefault(f => !StandardFields.IsKnown(f)) is { } unknown)
        {
            return MaileonResponses.BadRequest($"Unknown standard field: {unknown}");
        }

        var custom = query.All("custom_field").Distinct(StringComparer.Ordinal).ToList();
        lock (store.Gate)
        {
            return render(store.FindAccount(AuthenticatedAccount.From(http).AccountId)!, standard, custom);
        }
    }

    private static IEnumerable<MaileonContact> Active(Accounts.NewsletterAccount account, DateTimeOffset? updatedAfter) =>
        account.Contacts.Values.Where(c => !c.Anonymous && (updatedAfter is null || c.Updated > updatedAfter)).OrderBy(c => c.Id);

    private static DateTimeOffset? ReadUpdatedAfter(QueryReader query, MaileonTime time)
    {
        var text = query.String("updated_after");
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (time.TryParseLocal(text, out var instant))
        {
            return instant;
        }

        query.Fail($"Parameter updated_after must be formatted yyyy-MM-dd HH:mm:ss but was '{text}'.");
        return null;
    }

    private static ContactWriteOptions ReadWriteOptions(QueryReader query)
    {
        var permission = query.IntInRange("permission", Permission.None, Permission.Other, "Invalid permission {0}: permission must be between 1 and 6.");
        var syncMode = query.IntInRange("sync_mode", 1, 2, "Invalid sync_mode {0}: sync_mode must be 1 (update) or 2 (ignore).") ?? 2;
        var doi = query.Bool("doi", false);
        var doiPlus = query.Bool("doiplus", false);
        return new ContactWriteOptions(permission, syncMode, doi, doi && doiPlus, query.String("doimailing") is { Length: > 0 } key ? key : null,
            query.String("src"), query.String("subscription_page"));
    }

    private static IResult IdResult(ContactOutcome outcome) =>
        outcome.Failed ? MaileonResponses.Error(outcome.Status, outcome.Error!) : MaileonResponses.Id(outcome.ContactId!.Value, outcome.Status);

    private static IResult EmptyResult(ContactOutcome outcome) =>
        outcome.Failed ? MaileonResponses.Error(outcome.Status, outcome.Error!) : Results.StatusCode(outcome.Status);
}
