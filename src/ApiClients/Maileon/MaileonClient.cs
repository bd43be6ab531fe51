using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Resilience;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>
/// Typed client for the Maileon REST API (<c>Maileon:BaseUrl</c>) with the tenant's API key per call.
/// Failures are <see cref="MaileonApiException"/>s, except "not found" where the signature returns null or a result.
/// Emails and external ids in paths are percent-encoded (<c>+</c> → <c>%2B</c>, <c>@</c> → <c>%40</c>).
/// </summary>
public sealed class MaileonClient
{
    private const string XmlMediaType = "application/vnd.maileon.api+xml";
    private const string XmlContentType = "application/vnd.maileon.api+xml; charset=utf-8";
    private const string JsonMediaType = "application/json";
    private const int MinApiKeyLength = 12;
    private const int MaxApiKeyLength = 265;

    private static readonly HttpMethod[] PingMethods = [HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete];
    private static readonly string[] ContactTimestampFormats = ["yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss"];

    private readonly HttpClient _http;
    private readonly MaileonOptions _options;
    private readonly TimeProvider _time;
    private readonly string _baseUrl;

    public MaileonClient(HttpClient http, IOptions<MaileonOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options.Value;
        _time = time;
        _baseUrl = _options.BaseUrl.AbsoluteUri.TrimEnd('/');
    }

    /// <summary><c>GET|POST|PUT|DELETE /ping</c>: whether the key may use that HTTP method.</summary>
    public async Task<MaileonPingResult> PingAsync(MaileonConnection connection, HttpMethod method, CancellationToken cancellationToken = default) =>
        (await PingWithMessageAsync(connection, method, cancellationToken)).Result;

    private async Task<(MaileonPingResult Result, string? ServerMessage)> PingWithMessageAsync(
        MaileonConnection connection, HttpMethod method, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        var body = method == HttpMethod.Post || method == HttpMethod.Put ? Array.Empty<byte>() : null;
        var reply = await SendAsync(connection, "Ping", method, "ping", body, XmlContentType, XmlMediaType, true, cancellationToken);
        return reply switch
        {
            { IsSuccess: true } => (MaileonPingResult.Ok, null),
            { Status: HttpStatusCode.Unauthorized } => (MaileonPingResult.Unauthorized, SecretScrubber.Scrub(MaileonXml.ErrorMessage(reply.Body), [connection.ApiKey, connection.BasicCredentials])),
            { Status: HttpStatusCode.Forbidden } => (MaileonPingResult.Forbidden, null),
            _ => throw Failure("Ping", reply, connection),
        };
    }

    /// <summary>
    /// Pings with GET, POST, PUT and DELETE (the app needs all four: DELETE unsubscribes) and classifies the key.
    /// Transient failures are thrown, so "Maileon is down" is never reported as "the key is wrong".
    /// </summary>
    public async Task<MaileonApiKeyCheck> CheckApiKeyAsync(MaileonConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var key = connection.ApiKey;
        if (key.Length is < MinApiKeyLength or > MaxApiKeyLength || key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return new MaileonApiKeyCheck(MaileonApiKeyStatus.Malformed, []);
        }

        var missing = new List<string>();
        foreach (var method in PingMethods)
        {
            var (result, serverMessage) = await PingWithMessageAsync(connection, method, cancellationToken);
            switch (result)
            {
                case MaileonPingResult.Unauthorized:
                    return new MaileonApiKeyCheck(MaileonApiKeyStatus.Invalid, [], serverMessage);
                case MaileonPingResult.Forbidden:
                    missing.Add(method.Method);
                    break;
            }
        }

        return new MaileonApiKeyCheck(missing.Count == 0 ? MaileonApiKeyStatus.Valid : MaileonApiKeyStatus.MissingPrivileges, missing);
    }

    /// <summary><c>GET /account/info</c> as JSON.</summary>
    public async Task<MaileonAccountInfo> GetAccountInfoAsync(MaileonConnection connection, CancellationToken cancellationToken = default)
    {
        var reply = await SendAsync(connection, "GetAccountInfo", HttpMethod.Get, "account/info", null, null, JsonMediaType, false, cancellationToken);
        EnsureSuccess("GetAccountInfo", reply, connection);
        using var document = ParseJson("GetAccountInfo", reply);
        return MaileonAccountInfo.Parse(document.RootElement);
    }

    /// <summary>
    /// <c>POST /contacts/email/{email}?permission&amp;sync_mode=1&amp;doi&amp;doiplus[&amp;doimailing][&amp;src][&amp;subscription_page]</c>
    /// with an XML contact body: creates the contact or updates the existing one. Returns the contact id when
    /// Maileon sends it. With <see cref="MaileonUpsertOptions.StartDoubleOptIn"/> the call is never repeated here,
    /// since each repeat would send another DOI mail.
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
            .Add("permission", (long)options.Permission)
            .Add("sync_mode", 1L)
            .Add("doi", options.StartDoubleOptIn)
            .Add("doiplus", options.DoiPlus)
            .Add("doimailing", options.DoiMailingKey)
            .Add("src", options.Source)
            .Add("subscription_page", options.SubscriptionPage);
        var body = MaileonXml.Write(writer =>
        {
            writer.WriteStartElement("contact");
            if (contact.ExternalId is not null)
            {
                writer.WriteElementString("external_id", contact.ExternalId);
            }

            WriteFields(writer, "standard_fields", contact.StandardFields);
            WriteFields(writer, "custom_fields", contact.CustomFields);
            writer.WriteEndElement();
        });
        var reply = await SendAsync(
            connection, "UpsertContact", HttpMethod.Post, $"contacts/email/{UrlEncoding.Encode(email)}{query}",
            body, XmlContentType, XmlMediaType, retrySafe: !options.StartDoubleOptIn, cancellationToken);
        EnsureSuccess("UpsertContact", reply, connection);
        return MaileonXml.CreatedId(reply.Body);
    }

    /// <summary>
    /// <c>GET /contacts/email/{email}?standard_field=..&amp;custom_field=..</c>; null when no contact has that email
    /// (never created, or unsubscribed and anonymised).
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
        var reply = await SendAsync(
            connection, "GetContact", HttpMethod.Get, $"contacts/email/{UrlEncoding.Encode(email)}{query}",
            null, null, XmlMediaType, false, cancellationToken);
        if (reply.Status == HttpStatusCode.NotFound)
        {
            return null;
        }

        EnsureSuccess("GetContact", reply, connection);
        return ParseContact(ParseXml("GetContact", reply));
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
        ArgumentOutOfRangeException.ThrowIfLessThan(pageIndex, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 1000);
        var query = new QueryString()
            .Add("page_index", (long)pageIndex)
            .Add("page_size", (long)pageSize)
            .Add("updated_after", updatedAfter?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))
            .AddEach("standard_field", standardFields ?? [])
            .AddEach("custom_field", customFields ?? []);
        var reply = await SendAsync(
            connection, "ListContacts", HttpMethod.Get, "contacts" + query, null, null, XmlMediaType, false, cancellationToken);
        EnsureSuccess("ListContacts", reply, connection);
        var items = string.IsNullOrWhiteSpace(reply.Body)
            ? []
            : ParseXml("ListContacts", reply).Elements("contact").Select(ParseContact).ToArray();
        return new MaileonContactPage(items, pageIndex, reply.TotalItems, reply.TotalPages);
    }

    /// <summary><c>DELETE /contacts/email/{email}/unsubscribe</c>; a 404 means there is nobody left to unsubscribe.</summary>
    public async Task<MaileonUnsubscribeResult> UnsubscribeAsync(MaileonConnection connection, string email, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        var reply = await SendAsync(
            connection, "Unsubscribe", HttpMethod.Delete, $"contacts/email/{UrlEncoding.Encode(email)}/unsubscribe",
            null, null, XmlMediaType, true, cancellationToken);
        if (reply.Status == HttpStatusCode.NotFound)
        {
            return MaileonUnsubscribeResult.NotFound;
        }

        EnsureSuccess("Unsubscribe", reply, connection);
        return MaileonUnsubscribeResult.Unsubscribed;
    }

    /// <summary><c>GET /contacts/fields/custom</c>.</summary>
    public async Task<IReadOnlyList<MaileonCustomField>> ListCustomFieldsAsync(MaileonConnection connection, CancellationToken cancellationToken = default)
    {
        var reply = await SendAsync(connection, "ListCustomFields", HttpMethod.Get, "contacts/fields/custom", null, null, XmlMediaType, false, cancellationToken);
        EnsureSuccess("ListCustomFields", reply, connection);
        if (string.IsNullOrWhiteSpace(reply.Body))
        {
            return [];
        }

        return ParseXml("ListCustomFields", reply).Elements("custom_field")
            .Select(f => MaileonXml.Text(f, "name") is { Length: > 0 } name ? new MaileonCustomField(name, MaileonXml.Text(f, "type") ?? "") : null)
            .OfType<MaileonCustomField>()
            .ToArray();
    }

    /// <summary>
    /// <c>POST /contacts/fields/custom/{name}?type=..</c>. When Maileon says the field exists (409, or a 400 for a
    /// field that the list then shows), returns the existing definition; compare its type with what you need.
    /// </summary>
    public async Task<MaileonCustomField> CreateCustomFieldAsync(
        MaileonConnection connection,
        string name,
        MaileonCustomFieldType type,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var typeName = MaileonWireNames.Of(type);
        var reply = await SendAsync(
            connection, "CreateCustomField", HttpMethod.Post,
            $"contacts/fields/custom/{UrlEncoding.Encode(name)}{new QueryString().Add("type", typeName)}",
            [], XmlContentType, XmlMediaType, true, cancellationToken);
        if (reply.IsSuccess)
        {
            return new MaileonCustomField(name, typeName);
        }

        if (reply.Status is HttpStatusCode.Conflict or HttpStatusCode.BadRequest)
        {
            var existing = (await ListCustomFieldsAsync(connection, cancellationToken))
                .FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));
            if (existing is not null)
            {
                return existing;
            }
        }

        throw Failure("CreateCustomField", reply, connection);
    }

    /// <summary><c>GET /transactions/types/{name}</c>; null when no type has that name.</summary>
    public async Task<MaileonTransactionType?> GetTransactionTypeAsync(
        MaileonConnection connection,
        string name,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var reply = await SendAsync(
            connection, "GetTransactionType", HttpMethod.Get, $"transactions/types/{UrlEncoding.Encode(name)}",
            null, null, XmlMediaType, false, cancellationToken);
        if (reply.Status == HttpStatusCode.NotFound)
        {
            return null;
        }

        EnsureSuccess("GetTransactionType", reply, connection);
        var root = ParseXml("GetTransactionType", reply);
        var attributes = (root.Element("attributes")?.Elements("attribute") ?? [])
            .Select(a => new MaileonTransactionAttributeSpec(
                MaileonXml.Text(a, "name") ?? "",
                MaileonXml.Text(a, "type") ?? "",
                string.Equals(MaileonXml.Text(a, "required") ?? MaileonXml.Text(a, "mandatory"), "true", StringComparison.OrdinalIgnoreCase)))
            .ToArray();
        return new MaileonTransactionType(
            MaileonXml.Int64(root, "id") ?? throw Unexpected("GetTransactionType", "the type has no id"),
            MaileonXml.Text(root, "name") ?? name,
            attributes);
    }

    /// <summary>
    /// <c>POST /transactions/types</c> (XML). Returns the new type's id, or null when Maileon does not send it
    /// (read it with <see cref="GetTransactionTypeAsync"/>). Not repeated here after a lost response.
    /// </summary>
    public async Task<long?> CreateTransactionTypeAsync(
        MaileonConnection connection,
        MaileonTransactionTypeDefinition definition,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var body = MaileonXml.Write(writer =>
        {
            writer.WriteStartElement("transaction_type");
            writer.WriteElementString("name", definition.Name);
            if (definition.Description is not null)
            {
                writer.WriteElementString("description", definition.Description);
            }

            if (definition.ArchivingDuration is { } days)
            {
                writer.WriteElementString("archivingDuration", days.ToString(CultureInfo.InvariantCulture));
            }

            if (definition.StoreOnly is { } storeOnly)
            {
                writer.WriteElementString("storeOnly", storeOnly ? "true" : "false");
            }

            writer.WriteStartElement("attributes");
            foreach (var attribute in definition.Attributes)
            {
                writer.WriteStartElement("attribute");
                writer.WriteElementString("name", attribute.Name);
                writer.WriteElementString("type", attribute.Type);
                writer.WriteElementString("required", attribute.Required ? "true" : "false");
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        });
        var reply = await SendAsync(
            connection, "CreateTransactionType", HttpMethod.Post, "transactions/types", body, XmlContentType, XmlMediaType, false, cancellationToken);
        EnsureSuccess("CreateTransactionType", reply, connection);
        return MaileonXml.CreatedId(reply.Body);
    }

    /// <summary>
    /// <c>POST /transactions?ignore_invalid_transactions=true</c> with JSON arrays no larger than
    /// <see cref="MaileonOptions.MaxTransactionBatchBytes"/>. Returns one report per event, in input order.
    /// If the first request fails, the exception is thrown (nothing was sent); if a later one fails, its events
    /// and the rest report <see cref="MaileonTransactionReport.NotSent"/> so the events already queued are not
    /// sent twice. Requests are never repeated here: Maileon does not de-duplicate events.
    /// </summary>
    public async Task<IReadOnlyList<MaileonTransactionReport>> SendTransactionsAsync(
        MaileonConnection connection,
        IReadOnlyList<MaileonTransaction> transactions,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var encoded = transactions.Select(EncodeTransaction).ToArray();
        var reports = new MaileonTransactionReport[encoded.Length];
        var maxBytes = _options.MaxTransactionBatchBytes;
        var anySent = false;
        var index = 0;
        while (index < encoded.Length)
        {
            if (encoded[index].Length + 2 > maxBytes)
            {
                reports[index] = NotSentReport(transactions[index], ApiFailureKind.Rejected, $"The event is larger than the {maxBytes}-byte request limit.");
                index++;
                continue;
            }

            var batchEnd = index + 1;
            var size = encoded[index].Length + 2;
            while (batchEnd < encoded.Length && size + 1 + encoded[batchEnd].Length <= maxBytes)
            {
                size += 1 + encoded[batchEnd].Length;
                batchEnd++;
            }

            try
            {
                var batchReports = await SendTransactionBatchAsync(connection, encoded.AsMemory(index, batchEnd - index), size, cancellationToken);
                for (var i = index; i < batchEnd; i++)
                {
                    reports[i] = i - index < batchReports.Count
                        ? batchReports[i - index]
                        : new MaileonTransactionReport(false, "Maileon returned no report for this event.", transactions[i].TransactionId, null, null, null);
                }
            }
            catch (MaileonApiException failure) when (anySent)
            {
                for (var i = index; i < encoded.Length; i++)
                {
                    reports[i] = NotSentReport(transactions[i], failure.Kind, failure.Message);
                }

                return reports;
            }

            anySent = true;
            index = batchEnd;
        }

        return reports;
    }

    /// <summary>
    /// <c>GET /transactions/{typeId}/transaction_id/{transactionId}</c>: finds an event by the special
    /// <c>transaction_id</c> attribute, e.g. to check whether an earlier attempt landed. Null when not found.
    /// </summary>
    public async Task<MaileonStoredTransaction?> GetTransactionAsync(
        MaileonConnection connection,
        long transactionTypeId,
        string transactionId,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transactionId);
        var reply = await SendAsync(
            connection, "GetTransaction", HttpMethod.Get,
            $"transactions/{transactionTypeId.ToString(CultureInfo.InvariantCulture)}/transaction_id/{UrlEncoding.Encode(transactionId)}",
            null, null, JsonMediaType, false, cancellationToken);
        if (reply.Status == HttpStatusCode.NotFound)
        {
            return null;
        }

        EnsureSuccess("GetTransaction", reply, connection);
        if (string.IsNullOrWhiteSpace(reply.Body))
        {
            using var empty = JsonDocument.Parse("{}");
            return new MaileonStoredTransaction(transactionId, empty.RootElement.Clone());
        }

        using var document = ParseJson("GetTransaction", reply);
        return new MaileonStoredTransaction(transactionId, document.RootElement.Clone());
    }

    /// <summary><c>GET /webhooks</c> (JSON; an empty list is <c>[]</c>).</summary>
    public async Task<IReadOnlyList<MaileonWebhook>> ListWebhooksAsync(MaileonConnection connection, CancellationToken cancellationToken = default)
    {
        var reply = await SendAsync(connection, "ListWebhooks", HttpMethod.Get, "webhooks", null, null, JsonMediaType, false, cancellationToken);
        EnsureSuccess("ListWebhooks", reply, connection);
        if (string.IsNullOrWhiteSpace(reply.Body))
        {
            return [];
        }

        using var document = ParseJson("ListWebhooks", reply);
        return document.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement.EnumerateArray().Select(MaileonWebhook.Parse).ToArray()
            : throw Unexpected("ListWebhooks", "the webhook list is not a JSON array");
    }

    /// <summary><c>POST /webhooks</c> (JSON). Returns the new id when Maileon sends it. Not repeated after a lost response.</summary>
    public async Task<long?> CreateWebhookAsync(
        MaileonConnection connection,
        MaileonWebhookDefinition definition,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("url", definition.Url.AbsoluteUri);
            writer.WriteString("event", definition.Event);
            writer.WriteStartArray("urlParams");
            foreach (var parameter in definition.UrlParams)
            {
                writer.WriteStartObject();
                WriteNullableString(writer, "custom_contact_field", parameter.CustomContactField);
                WriteNullableString(writer, "standard_contact_field", parameter.StandardContactField);
                WriteNullableString(writer, "custom_value", parameter.CustomValue);
                writer.WriteString("name", parameter.Name);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            WriteStringArray(writer, "customFields", definition.CustomFields);
            WriteStringArray(writer, "standardFields", definition.StandardFields);
            WriteStringArray(writer, "eventFields", definition.EventFields);
            writer.WriteEndObject();
        }

        var reply = await SendAsync(
            connection, "CreateWebhook", HttpMethod.Post, "webhooks", buffer.ToArray(), JsonMediaType, JsonMediaType, false, cancellationToken);
        EnsureSuccess("CreateWebhook", reply, connection, WebhookSecrets(definition));
        return MaileonXml.CreatedId(reply.Body);
    }

    /// <summary><c>DELETE /webhooks/{id}</c>; false when it was already gone.</summary>
    public async Task<bool> DeleteWebhookAsync(MaileonConnection connection, long webhookId, CancellationToken cancellationToken = default)
    {
        var reply = await SendAsync(
            connection, "DeleteWebhook", HttpMethod.Delete, $"webhooks/{webhookId.ToString(CultureInfo.InvariantCulture)}",
            null, null, JsonMediaType, true, cancellationToken);
        if (reply.Status == HttpStatusCode.NotFound)
        {
            return false;
        }

        EnsureSuccess("DeleteWebhook", reply, connection);
        return true;
    }

    /// <summary>
    /// <c>GET /reports/unsubscriptions?page_index&amp;page_size&amp;from_date&amp;to_date</c> (dates in epoch
    /// milliseconds): every unsubscription in the window, whatever its path (link, reply, API, UI), for reconciling
    /// missed webhooks.
    /// </summary>
    public async Task<MaileonUnsubscriptionPage> GetUnsubscriptionsAsync(
        MaileonConnection connection,
        DateTimeOffset from,
        DateTimeOffset? to = null,
        int pageIndex = 1,
        int pageSize = 1000,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageIndex, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 1000);
        var query = new QueryString()
            .Add("page_index", (long)pageIndex)
            .Add("page_size", (long)pageSize)
            .Add("from_date", from.ToUnixTimeMilliseconds())
            .Add("to_date", to?.ToUnixTimeMilliseconds());
        var reply = await SendAsync(
            connection, "GetUnsubscriptions", HttpMethod.Get, "reports/unsubscriptions" + query, null, null, XmlMediaType, false, cancellationToken);
        EnsureSuccess("GetUnsubscriptions", reply, connection);
        var items = string.IsNullOrWhiteSpace(reply.Body)
            ? []
            : ParseXml("GetUnsubscriptions", reply).Elements("unsubscription").Select(ParseUnsubscription).ToArray();
        return new MaileonUnsubscriptionPage(items, pageIndex, reply.TotalItems, reply.TotalPages);
    }

    private async Task<IReadOnlyList<MaileonTransactionReport>> SendTransactionBatchAsync(
        MaileonConnection connection,
        ReadOnlyMemory<byte[]> batch,
        int size,
        CancellationToken cancellationToken)
    {
        var body = new byte[size];
        body[0] = (byte)'[';
        var offset = 1;
        for (var i = 0; i < batch.Length; i++)
        {
            if (i > 0)
            {
                body[offset++] = (byte)',';
            }

            batch.Span[i].CopyTo(body, offset);
            offset += batch.Span[i].Length;
        }

        body[offset] = (byte)']';
        var reply = await SendAsync(
            connection, "SendTransactions", HttpMethod.Post, "transactions?ignore_invalid_transactions=true",
            body, JsonMediaType, JsonMediaType, false, cancellationToken);
        EnsureSuccess("SendTransactions", reply, connection);
        using var document = ParseJson("SendTransactions", reply);
        return JsonValues.Array(document.RootElement, "reports").Select(ParseTransactionReport).ToArray();
    }

    private static MaileonTransactionReport ParseTransactionReport(JsonElement report)
    {
        var contact = JsonValues.Property(report, "contact");
        return new MaileonTransactionReport(
            Queued: JsonValues.Boolean(report, "queued") ?? false,
            Message: JsonValues.String(report, "message"),
            TransactionId: JsonValues.String(report, "transaction_id"),
            ContactId: contact is { } c1 ? JsonValues.Int64(c1, "id") : null,
            ContactEmail: contact is { } c2 ? JsonValues.String(c2, "email") : null,
            ContactExternalId: contact is { } c3 ? JsonValues.String(c3, "external_id") : null);
    }

    private static MaileonTransactionReport NotSentReport(MaileonTransaction transaction, ApiFailureKind kind, string message) => new(
        Queued: false,
        Message: message,
        TransactionId: transaction.TransactionId,
        ContactId: transaction.Contact.ContactId,
        ContactEmail: transaction.Contact.Email,
        ContactExternalId: transaction.Contact.ExternalId,
        NotSent: kind);

    private static byte[] EncodeTransaction(MaileonTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("typeName", transaction.TypeName);
            writer.WriteStartObject("contact");
            if (transaction.Contact.ContactId is { } id)
            {
                writer.WriteNumber("id", id);
            }
            else if (transaction.Contact.ExternalId is { } externalId)
            {
                writer.WriteString("external_id", externalId);
            }
            else
            {
                writer.WriteString("email", transaction.Contact.Email);
            }

            writer.WriteEndObject();
            writer.WriteStartObject("content");
            foreach (var (name, value) in transaction.Content)
            {
                if (transaction.TransactionId is not null && name == "transaction_id")
                {
                    continue;
                }

                writer.WritePropertyName(name);
                if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }
            }

            if (transaction.TransactionId is { } transactionId)
            {
                writer.WriteString("transaction_id", transactionId);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static MaileonContact ParseContact(XElement root) => new(
        Id: MaileonXml.Int64(root, "id"),
        Email: MaileonXml.Text(root, "email"),
        ExternalId: MaileonXml.Text(root, "external_id") is { Length: > 0 } externalId ? externalId : null,
        Permission: ParsePermission(MaileonXml.Text(root, "permission")),
        Created: ParseContactTimestamp(MaileonXml.Text(root, "created")),
        Updated: ParseContactTimestamp(MaileonXml.Text(root, "updated")),
        StandardFields: MaileonXml.Fields(root.Element("standard_fields")),
        CustomFields: MaileonXml.Fields(root.Element("custom_fields")))
    {
        Anonymous = string.Equals((string?)root.Attribute("anonymous"), "true", StringComparison.OrdinalIgnoreCase),
    };

    private static MaileonUnsubscription ParseUnsubscription(XElement element)
    {
        var contact = element.Element("contact");
        return new MaileonUnsubscription(
            Timestamp: ParseReportTimestamp(MaileonXml.Text(element, "timestamp")),
            ContactId: contact is null ? null : MaileonXml.Int64(contact, "id"),
            Email: contact is null ? null : MaileonXml.Text(contact, "email"),
            ExternalId: contact is null ? null : MaileonXml.Text(contact, "external_id"),
            MailingId: MaileonXml.Int64(element, "mailing_id"),
            Source: MaileonXml.Text(element, "source"));
    }

    // Report timestamps are epoch milliseconds in Maileon's clients; a formatted date is accepted as UTC.
    private static DateTimeOffset? ParseReportTimestamp(string? text) =>
        long.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var millis)
            ? DateTimeOffset.FromUnixTimeMilliseconds(millis)
            : JsonValues.ParseTimestamp(text);

    private static MaileonPermissionLevel? ParsePermission(string? text)
    {
        if (int.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code))
        {
            return code is >= 1 and <= 6 ? (MaileonPermissionLevel)code : null;
        }

        return text?.Trim().ToUpperInvariant() switch
        {
            "NONE" => MaileonPermissionLevel.None,
            "SOI" => MaileonPermissionLevel.SingleOptIn,
            "COI" => MaileonPermissionLevel.ConfirmedOptIn,
            "DOI" => MaileonPermissionLevel.DoubleOptIn,
            "DOI+" => MaileonPermissionLevel.DoubleOptInPlus,
            "OTHER" => MaileonPermissionLevel.Other,
            _ => null,
        };
    }

    private static DateTime? ParseContactTimestamp(string? text) =>
        DateTime.TryParseExact(text?.Trim(), ContactTimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : null;

    private static void WriteFields(XmlWriter writer, string element, IReadOnlyDictionary<string, string?> fields)
    {
        var present = fields.Where(f => f.Value is not null).ToArray();
        if (present.Length == 0)
        {
            return;
        }

        writer.WriteStartElement(element);
        foreach (var (name, value) in present)
        {
            writer.WriteStartElement("field");
            writer.WriteElementString("name", name);
            MaileonXml.WriteValue(writer, MaileonLimits.Clip(value!, MaileonLimits.ContactFieldLength));
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static void WriteNullableString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteStringArray(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private async Task<MaileonReply> SendAsync(
        MaileonConnection connection,
        string operation,
        HttpMethod method,
        string pathAndQuery,
        byte[]? body,
        string? contentType,
        string accept,
        bool retrySafe,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var request = new HttpRequestMessage(method, new Uri(_baseUrl + "/" + pathAndQuery));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", connection.BasicCredentials);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? XmlContentType);
        }

        ApiRequestOptions.Set(request, connection.TenantKey, retrySafe, operation);
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            return await MaileonReply.ReadAsync(response, _time, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or TaskCanceledException)
        {
            throw new MaileonApiException(
                operation,
                ApiFailureKind.Transient,
                null,
                TransportFailure.Describe(exception),
                (exception as BrokenCircuitException)?.RetryAfter,
                exception);
        }
    }

    private static void EnsureSuccess(string operation, MaileonReply reply, MaileonConnection connection, params string?[] extraSecrets)
    {
        if (!reply.IsSuccess)
        {
            throw Failure(operation, reply, connection, extraSecrets);
        }
    }

    private static MaileonApiException Failure(string operation, MaileonReply reply, MaileonConnection connection, params string?[] extraSecrets)
    {
        var status = (int)reply.Status;
        string?[] secrets = [connection.ApiKey, connection.BasicCredentials, .. extraSecrets];
        var message = SecretScrubber.Scrub(MaileonXml.ErrorMessage(reply.Body), secrets);
        return new MaileonApiException(operation, HttpStatusRules.Classify(status), status, message, reply.RetryAfter);
    }

    // A webhook URL carries the tenant's token in its query (and maybe in fixed url parameters): an error that
    // echoes the request must not leak it.
    private static string?[] WebhookSecrets(MaileonWebhookDefinition definition)
    {
        var queryValues = definition.Url.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2) is [_, var value] ? value : null)
            .OfType<string>()
            .SelectMany(value => new[] { value, Uri.UnescapeDataString(value) });
        return [.. queryValues, .. definition.UrlParams.Select(p => p.CustomValue)];
    }

    private static XElement ParseXml(string operation, MaileonReply reply)
    {
        try
        {
            return MaileonXml.Parse(reply.Body);
        }
        catch (XmlException exception)
        {
            throw Unexpected(operation, "the response body is not XML", exception);
        }
    }

    private static JsonDocument ParseJson(string operation, MaileonReply reply)
    {
        try
        {
            return JsonDocument.Parse(reply.Body);
        }
        catch (JsonException exception)
        {
            throw Unexpected(operation, "the response body is not JSON", exception);
        }
    }

    private static MaileonApiException Unexpected(string operation, string what, Exception? inner = null) =>
        new(operation, ApiFailureKind.Transient, 200, $"Unexpected response: {what}.", null, inner);
}
