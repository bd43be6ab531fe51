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

            throw await PipedriveApiFailures.FailureAsync(operation, response, rateLimit, cancellationToken, connection.AccessToken, extraSecret);
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
