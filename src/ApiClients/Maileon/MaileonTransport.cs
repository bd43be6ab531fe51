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
/// The typed <see cref="HttpClient"/> the Maileon resource clients share (<c>Maileon:BaseUrl</c>, the resilience
/// pipeline, the tenant's API key per call) and the rules every resource reads answers by: failures become
/// <see cref="MaileonApiException"/>s with the key scrubbed from Maileon's message.
/// </summary>
public sealed class MaileonTransport
{
    /// <summary>What Maileon answers XML in, without parameters (docs: "HTTP Status Codes").</summary>
    internal const string XmlMediaType = "application/vnd.maileon.api+xml";

    /// <summary>What XML bodies are sent as; Maileon's own clients add the charset.</summary>
    internal const string XmlContentType = "application/vnd.maileon.api+xml; charset=utf-8";

    internal const string JsonMediaType = "application/json";

    private readonly HttpClient http;
    private readonly TimeProvider time;
    private readonly string baseUrl;

    public MaileonTransport(HttpClient http, IOptions<MaileonOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.http = http;
        this.time = time;
        Options = options.Value;
        this.baseUrl = Options.BaseUrl.AbsoluteUri.TrimEnd('/');
    }

    internal MaileonOptions Options { get; }

    /// <summary>
    /// Sends one request and reads the whole answer. Transport failures (no answer, timeouts, open circuit) become
    /// transient <see cref="MaileonApiException"/>s; every HTTP answer, error or not, is returned as it came.
    /// </summary>
    internal async Task<MaileonReply> SendAsync(
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
        using var request = new HttpRequestMessage(method, new Uri(baseUrl + "/" + pathAndQuery));
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
            using var response = await http.SendAsync(request, cancellationToken);
            return await MaileonReply.ReadAsync(response, time, cancellationToken);
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

    /// <summary>Maileon's paging parameters: <c>page_index</c> from 1, <c>page_size</c> 1..1000 (larger sizes are a 400).</summary>
    internal static QueryString Page(int pageIndex, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageIndex, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 1000);
        return new QueryString().Add("page_index", (long)pageIndex).Add("page_size", (long)pageSize);
    }

    internal static void EnsureSuccess(string operation, MaileonReply reply, MaileonConnection connection, params string?[] extraSecrets)
    {
        if (!reply.IsSuccess)
        {
            throw Failure(operation, reply, connection, extraSecrets);
        }
    }

    /// <summary>The failure for a non-2xx answer, classified by status, with Maileon's message minus any secret.</summary>
    internal static MaileonApiException Failure(string operation, MaileonReply reply, MaileonConnection connection, params string?[] extraSecrets)
    {
        var status = (int)reply.Status;
        string?[] secrets = [connection.ApiKey, connection.BasicCredentials, .. extraSecrets];
        var message = SecretScrubber.Scrub(MaileonXml.ErrorMessage(reply.Body), secrets);
        return new MaileonApiException(operation, HttpStatusRules.Classify(status), status, message, reply.RetryAfter);
    }

    internal static XElement ParseXml(string operation, MaileonReply reply)
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

    internal static JsonDocument ParseJson(string operation, MaileonReply reply)
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

    /// <summary>A 2xx whose body is not what Maileon documents: treated as transient, so it is retried later.</summary>
    internal static MaileonApiException Unexpected(string operation, string what, Exception? inner = null) =>
        new(operation, ApiFailureKind.Transient, 200, $"Unexpected response: {what}.", null, inner);
}
