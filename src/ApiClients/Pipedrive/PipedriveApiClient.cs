using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly.CircuitBreaker;
using Polly.Timeout;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Resilience;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>
/// Typed client for <c>{api_domain}/api/v1</c> and <c>/api/v2</c>. Every call takes the installation's
/// <see cref="PipedriveConnection"/>; failures are <see cref="PipedriveApiException"/>s except "not found" where the
/// signature returns null or false. Every response's rate-limit headers go to <see cref="PipedriveRateLimitTracker"/>.
/// </summary>
public sealed partial class PipedriveApiClient
{
    private const string JsonMediaType = "application/json";
    private const int PersonFieldsPageSize = 100;
    private const int MaxPersonFieldPages = 50;

    private readonly HttpClient http;
    private readonly PipedriveRateLimitTracker rateLimits;
    private readonly TimeProvider time;

    public PipedriveApiClient(HttpClient http, PipedriveRateLimitTracker rateLimits, TimeProvider time)
    {
        this.http = http;
        this.rateLimits = rateLimits;
        this.time = time;
    }

    /// <summary><c>GET /api/v1/users/me</c>: the authorizing user and the company (id, name, domain).</summary>
    public async Task<PipedriveUser> GetCurrentUserAsync(PipedriveConnection connection, CancellationToken cancellationToken = default)
    {
        using var document = await SendAsync(connection, "GetCurrentUser", HttpMethod.Get, "/api/v1/users/me", null, false, false, cancellationToken);
        return PipedriveUser.Parse(Data(document!, "GetCurrentUser"));
    }

    /// <summary><c>GET /api/v1/users/{id}</c>; null when the user does not exist or is not visible.</summary>
    public async Task<PipedriveUser?> GetUserAsync(PipedriveConnection connection, long userId, CancellationToken cancellationToken = default)
    {
        using var document = await SendAsync(connection, "GetUser", HttpMethod.Get, $"/api/v1/users/{Id(userId)}", null, true, false, cancellationToken);
        return document is null ? null : PipedriveUser.Parse(Data(document, "GetUser"));
    }

    /// <summary>All person fields, following <c>start</c>/<c>limit</c> pagination of <c>GET /api/v1/personFields</c>.</summary>
    public async Task<IReadOnlyList<PipedrivePersonField>> ListPersonFieldsAsync(
        PipedriveConnection connection,
        CancellationToken cancellationToken = default)
    {
        var fields = new List<PipedrivePersonField>();
        long start = 0;
        for (var page = 0; page < MaxPersonFieldPages; page++)
        {
            var query = new QueryString().Add("start", start).Add("limit", (long)PersonFieldsPageSize);
            using var document = await SendAsync(
                connection, "ListPersonFields", HttpMethod.Get, "/api/v1/personFields" + query, null, false, false, cancellationToken);
            var root = document!.RootElement;
            fields.AddRange(JsonValues.Array(root, "data").Select(PipedrivePersonField.Parse).OfType<PipedrivePersonField>());

            // The spec's example nests the pagination under additional_data.pagination, its schema does not.
            var additional = JsonValues.Property(root, "additional_data");
            var pagination = additional is { } a ? JsonValues.Property(a, "pagination") ?? a : (JsonElement?)null;
            if (pagination is not { } p || JsonValues.Boolean(p, "more_items_in_collection") != true)
            {
                return fields;
            }

            var next = JsonValues.Int64(p, "next_start") ?? start + PersonFieldsPageSize;
            if (next <= start)
            {
                return fields;
            }

            start = next;
        }

        return fields;
    }

    /// <summary><c>POST /api/v1/personFields</c>. Not repeated on failure: a lost response would create a duplicate.</summary>
    public async Task<PipedrivePersonField> CreatePersonFieldAsync(
        PipedriveConnection connection,
        PipedrivePersonFieldDefinition definition,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var body = WriteJson(writer =>
        {
            writer.WriteString("name", definition.Name);
            writer.WriteString("field_type", definition.FieldType);
            if (definition.OptionLabels.Count > 0)
            {
                writer.WriteStartArray("options");
                foreach (var label in definition.OptionLabels)
                {
                    writer.WriteStartObject();
                    writer.WriteString("label", label);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            if (definition.AddVisibleFlag is { } visible)
            {
                writer.WriteBoolean("add_visible_flag", visible);
            }
        });
        using var document = await SendAsync(connection, "CreatePersonField", HttpMethod.Post, "/api/v1/personFields", body, false, false, cancellationToken);
        return PipedrivePersonField.Parse(Data(document!, "CreatePersonField"))
            ?? throw Unexpected("CreatePersonField", "the created field has no id or key");
    }

    /// <summary><c>DELETE /api/v1/personFields/{id}</c>; false when the field was already gone.</summary>
    public async Task<bool> DeletePersonFieldAsync(PipedriveConnection connection, long fieldId, CancellationToken cancellationToken = default)
    {
        using var document = await SendAsync(
            connection, "DeletePersonField", HttpMethod.Delete, $"/api/v1/personFields/{Id(fieldId)}", null, true, false, cancellationToken);
        return document is not null;
    }

    /// <summary><c>GET /api/v2/persons/{id}</c>; null when the person does not exist.</summary>
    public async Task<PipedrivePerson?> GetPersonAsync(PipedriveConnection connection, long personId, CancellationToken cancellationToken = default)
    {
        using var document = await SendAsync(connection, "GetPerson", HttpMethod.Get, $"/api/v2/persons/{Id(personId)}", null, true, false, cancellationToken);
        return document is null ? null : PipedrivePerson.Parse(Data(document, "GetPerson"));
    }

    /// <summary>
    /// <c>PATCH /api/v2/persons/{id}</c> with <c>{"custom_fields":{key: value}}</c>; a null value clears the field
    /// (use null, not <c>[]</c>, for set fields). Returns the updated person, or null when it does not exist.
    /// Setting absolute values is idempotent, so the call is repeated after transient failures.
    /// </summary>
    public async Task<PipedrivePerson?> UpdatePersonCustomFieldsAsync(
        PipedriveConnection connection,
        long personId,
        IReadOnlyDictionary<string, JsonNode?> customFields,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customFields);
        var body = WriteJson(writer =>
        {
            writer.WriteStartObject("custom_fields");
            foreach (var (key, value) in customFields)
            {
                writer.WritePropertyName(key);
                if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        });
        using var document = await SendAsync(
            connection, "UpdatePerson", HttpMethod.Patch, $"/api/v2/persons/{Id(personId)}", body, true, true, cancellationToken);
        return document is null ? null : PipedrivePerson.Parse(Data(document, "UpdatePerson"));
    }

    /// <summary><c>GET /api/v2/persons?updated_since=..&amp;sort_by=update_time&amp;limit=..&amp;cursor=..</c>.</summary>
    public async Task<PipedrivePersonPage> ListPersonsAsync(
        PipedriveConnection connection,
        PipedrivePersonListQuery query,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, PipedrivePersonListQuery.MaxLimit);
        var parameters = new QueryString()
            .Add("updated_since", query.UpdatedSince?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
            .Add("sort_by", "update_time")
            .Add("limit", (long)query.Limit)
            .Add("cursor", query.Cursor);
        using var document = await SendAsync(connection, "ListPersons", HttpMethod.Get, "/api/v2/persons" + parameters, null, false, false, cancellationToken);
        var root = document!.RootElement;
        var items = JsonValues.Array(root, "data").Select(PipedrivePerson.Parse).ToArray();
        var nextCursor = JsonValues.Property(root, "additional_data") is { } additional ? JsonValues.String(additional, "next_cursor") : null;
        return new PipedrivePersonPage(items, string.IsNullOrEmpty(nextCursor) ? null : nextCursor);
    }

    /// <summary><c>GET /api/v2/persons/search?term={email}&amp;fields=email&amp;exact_match=true</c> (first page).</summary>
    public async Task<IReadOnlyList<PipedrivePersonSearchHit>> SearchPersonsByEmailAsync(
        PipedriveConnection connection,
        string email,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        var parameters = new QueryString().Add("term", email).Add("fields", "email").Add("exact_match", true);
        using var document = await SendAsync(
            connection, "SearchPersons", HttpMethod.Get, "/api/v2/persons/search" + parameters, null, false, false, cancellationToken);
        var data = JsonValues.Property(document!.RootElement, "data");
        return data is { } d
            ? JsonValues.Array(d, "items").Select(PipedrivePersonSearchHit.Parse).OfType<PipedrivePersonSearchHit>().ToArray()
            : [];
    }

    /// <summary><c>GET /api/v2/organizations/{id}</c>; null when it does not exist.</summary>
    public async Task<PipedriveOrganization?> GetOrganizationAsync(
        PipedriveConnection connection,
        long organizationId,
        CancellationToken cancellationToken = default)
    {
        using var document = await SendAsync(
            connection, "GetOrganization", HttpMethod.Get, $"/api/v2/organizations/{Id(organizationId)}", null, true, false, cancellationToken);
        return document is null ? null : PipedriveOrganization.Parse(Data(document, "GetOrganization"));
    }

    /// <summary><c>GET /api/v2/deals/{id}?include_fields=smart_bcc_email</c>; null when it does not exist.</summary>
    public async Task<PipedriveDeal?> GetDealAsync(PipedriveConnection connection, long dealId, CancellationToken cancellationToken = default)
    {
        using var document = await SendAsync(
            connection, "GetDeal", HttpMethod.Get, $"/api/v2/deals/{Id(dealId)}?include_fields=smart_bcc_email", null, true, false, cancellationToken);
        return document is null ? null : PipedriveDeal.Parse(Data(document, "GetDeal"));
    }

    /// <summary><c>GET /api/v1/webhooks</c>: with an app token, only this app's webhooks.</summary>
    public async Task<IReadOnlyList<PipedriveWebhook>> ListWebhooksAsync(PipedriveConnection connection, CancellationToken cancellationToken = default)
    {
        using var document = await SendAsync(connection, "ListWebhooks", HttpMethod.Get, "/api/v1/webhooks", null, false, false, cancellationToken);
        return JsonValues.Array(document!.RootElement, "data").Select(PipedriveWebhook.Parse).ToArray();
    }

    /// <summary><c>POST /api/v1/webhooks</c> as a v2 webhook. Not repeated on failure: a lost response would stack duplicates.</summary>
    public async Task<PipedriveWebhook> CreateWebhookAsync(
        PipedriveConnection connection,
        PipedriveWebhookDefinition definition,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var body = WriteJson(writer =>
        {
            writer.WriteString("subscription_url", definition.SubscriptionUrl.AbsoluteUri);
            writer.WriteString("event_action", definition.EventAction);
            writer.WriteString("event_object", definition.EventObject);
            writer.WriteString("name", definition.Name);
            if (definition.UserId is { } userId)
            {
                writer.WriteNumber("user_id", userId);
            }

            if (definition.HttpAuthUser is not null)
            {
                writer.WriteString("http_auth_user", definition.HttpAuthUser);
            }

            if (definition.HttpAuthPassword is not null)
            {
                writer.WriteString("http_auth_password", definition.HttpAuthPassword);
            }

            writer.WriteString("version", "2.0");
        });
        using var document = await SendAsync(
            connection, "CreateWebhook", HttpMethod.Post, "/api/v1/webhooks", body, false, false, cancellationToken, definition.HttpAuthPassword);
        return PipedriveWebhook.Parse(Data(document!, "CreateWebhook"));
    }

    /// <summary><c>DELETE /api/v1/webhooks/{id}</c>; false when it was already gone.</summary>
    public async Task<bool> DeleteWebhookAsync(PipedriveConnection connection, long webhookId, CancellationToken cancellationToken = default)
    {
        using var document = await SendAsync(
            connection, "DeleteWebhook", HttpMethod.Delete, $"/api/v1/webhooks/{Id(webhookId)}", null, true, false, cancellationToken);
        return document is not null;
    }

    private async Task<JsonDocument?> SendAsync(
        PipedriveConnection connection,
        string operation,
        HttpMethod method,
        string pathAndQuery,
        byte[]? jsonBody,
        bool notFoundIsNull,
        bool retrySafe,
        CancellationToken cancellationToken,
        string? extraSecret = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var request = new HttpRequestMessage(method, connection.Resolve(pathAndQuery));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", connection.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonMediaType));
        if (jsonBody is not null)
        {
            request.Content = new ByteArrayContent(jsonBody);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(JsonMediaType);
        }

        ApiRequestOptions.Set(request, connection.TenantKey, retrySafe, operation);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or TaskCanceledException)
        {
            throw new PipedriveApiException(
                operation,
                ApiFailureKind.Transient,
                null,
                TransportFailure.Describe(exception),
                (exception as BrokenCircuitException)?.RetryAfter,
                rateLimits.Latest(connection.CompanyId),
                exception);
        }

        using (response)
        {
            var rateLimit = PipedriveRateLimit.FromHeaders(response, time);
            rateLimits.Record(connection.CompanyId, rateLimit);

            if (response.IsSuccessStatusCode)
            {
                return await ParseAsync(response, operation, cancellationToken);
            }

            if (notFoundIsNull && response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            throw await FailureAsync(operation, response, rateLimit, cancellationToken, connection.AccessToken, extraSecret);
        }
    }

    private static async Task<JsonDocument> ParseAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonDocument.ParseAsync(stream, default, cancellationToken);
        }
        catch (JsonException exception)
        {
            throw Unexpected(operation, "the response body is not JSON", exception);
        }
    }

    private static async Task<PipedriveApiException> FailureAsync(
        string operation,
        HttpResponseMessage response,
        PipedriveRateLimit rateLimit,
        CancellationToken cancellationToken,
        params string?[] secrets)
    {
        var status = (int)response.StatusCode;
        var kind = HttpStatusRules.Classify(status);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var message = SecretScrubber.Scrub(ErrorText(text), secrets);

        // Pipedrive's guidance for a burst 429: wait max(Retry-After, x-ratelimit-reset, 2 s). A spent daily
        // budget only resets at midnight, so no short wait is offered for it.
        TimeSpan? retryAfter = kind == ApiFailureKind.RateLimited && !rateLimit.DailyBudgetExhausted
            ? RetryHint.Max(RetryHint.Max(rateLimit.RetryAfter, rateLimit.BurstResetsIn), PipedriveRetryHints.MinimumBurstWait)
            : rateLimit.RetryAfter;
        return new PipedriveApiException(operation, kind, status, message, retryAfter, rateLimit);
    }

    /// <summary>The human part of Pipedrive's error envelopes: <c>error</c>, <c>error_info</c>, <c>message</c>, <c>errors</c>.</summary>
    private static string? ErrorText(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var parts = new List<string>();
            foreach (var name in new[] { "error", "message", "error_info" })
            {
                if (JsonValues.String(root, name) is { Length: > 0 } part)
                {
                    parts.Add(part);
                }
            }

            if (JsonValues.Property(root, "errors") is { ValueKind: JsonValueKind.Object } errors)
            {
                parts.AddRange(errors.EnumerateObject().Select(e => $"{e.Name}: {FlattenErrorValue(e.Value)}"));
            }

            return parts.Count > 0 ? string.Join("; ", parts) : null;
        }
        catch (JsonException)
        {
            // Cloudflare and proxies answer with HTML; its first characters are enough to recognise it.
            return body;
        }
    }

    private static string FlattenErrorValue(JsonElement value) => value.ValueKind == JsonValueKind.Array
        ? string.Join(", ", value.EnumerateArray().Select(v => JsonValues.AsString(v) ?? v.GetRawText()))
        : JsonValues.AsString(value) ?? value.GetRawText();

    private static JsonElement Data(JsonDocument document, string operation) =>
        JsonValues.Property(document.RootElement, "data") is { ValueKind: JsonValueKind.Object } data
            ? data
            : throw Unexpected(operation, "the response has no data object");

    private static PipedriveApiException Unexpected(string operation, string what, Exception? inner = null) =>
        new(operation, ApiFailureKind.Transient, 200, $"Unexpected response: {what}.", null, null, inner);

    private static byte[] WriteJson(Action<Utf8JsonWriter> writeProperties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
