using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Interfaces.Observability;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using PipedriveMaileon.Web.Observability;

namespace PipedriveMaileon.Web.Webhooks;

/// <summary>
/// <c>POST /webhooks/pipedrive/{companyId}</c> and <c>POST /webhooks/maileon/{companyId}/{event}</c> (<c>doi</c>, <c>unsubscription</c>, <c>bounce</c>). This tier only
/// checks HTTP-level shape (size, content type, headers) and answers from the cluster's verdict: 2xx only after
/// the owning grain recorded the event durably, 4xx for bad input (nothing changed), 503 when it could not be
/// recorded (the sender retries).
/// </summary>
public static partial class WebhookEndpoints
{
    public const int MaxPipedriveBody = 512 * 1024;
    public const int MaxMaileonBody = 64 * 1024;

    /// <summary><c>bounce</c> only wakes the tenant's engagement poll (the bounces report says whether a bounce was hard).</summary>
    private static readonly string[] MaileonEvents = ["doi", "unsubscription", "bounce"];

    // The 200 bodies are constant: built once, not per webhook.
    private static readonly object OkAccepted = new { status = "accepted" };
    private static readonly object OkDuplicate = new { status = "duplicate" };
    private static readonly object OkIgnored = new { status = "ignored" };

    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/webhooks").DisableAntiforgery().RequireRateLimiting(WebhookRateLimiting.PolicyName);
        group.MapPost("/pipedrive/{companyId:long}", Pipedrive);
        group.MapPost("/maileon/{companyId:long}/{eventName}", Maileon);
        return app;
    }

    private static async Task<IResult> Pipedrive(long companyId, HttpContext context, IClusterClient cluster, ILoggerFactory loggers, WebhookMetrics metrics)
    {
        var started = metrics.Received(WebhookSource.Pipedrive, companyId);
        TagTenant(companyId);
        var (result, outcome) = await PipedriveAsync(companyId, context, cluster, loggers);
        metrics.Answered(WebhookSource.Pipedrive, outcome, started);
        return result;
    }

    private static async Task<IResult> Maileon(long companyId, string eventName, HttpContext context, IClusterClient cluster, ILoggerFactory loggers, WebhookMetrics metrics)
    {
        var started = metrics.Received(WebhookSource.Maileon, companyId);
        TagTenant(companyId);
        var (result, outcome) = await MaileonAsync(companyId, eventName, context, cluster, loggers);
        metrics.Answered(WebhookSource.Maileon, outcome, started);
        return result;
    }

    /// <summary>Puts the tenant on the request's span (costs nothing when no one records traces).</summary>
    private static void TagTenant(long companyId)
    {
        if (Activity.Current is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(TelemetryNames.TenantIdTag, companyId);
        }
    }

    private static async Task<(IResult, WebhookOutcome)> PipedriveAsync(long companyId, HttpContext context, IClusterClient cluster, ILoggerFactory loggers)
    {
        if (!IsJson(context.Request.ContentType))
        {
            return Bad(StatusCodes.Status415UnsupportedMediaType, "Content-Type must be application/json.");
        }

        var credentials = BasicCredentials(context.Request.Headers.Authorization);
        if (credentials is null)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"webhooks\"";
            return (Problem(StatusCodes.Status401Unauthorized, "Basic credentials are required."), WebhookOutcome.Unauthorized);
        }

        var body = await ReadBodyAsync(context, MaxPipedriveBody);
        if (body is null)
        {
            return Bad(StatusCodes.Status413PayloadTooLarge, $"The body exceeds {MaxPipedriveBody} bytes.");
        }

        return await AnswerAsync(() => cluster.GetGrain<IWebhookIngressGrain>(IngressKey(companyId)).AcceptPipedrive(companyId, credentials, body), context, loggers);
    }

    private static async Task<(IResult, WebhookOutcome)> MaileonAsync(long companyId, string eventName, HttpContext context, IClusterClient cluster, ILoggerFactory loggers)
    {
        if (!MaileonEvents.Contains(eventName, StringComparer.Ordinal))
        {
            return Bad(StatusCodes.Status404NotFound, "Unknown Maileon event; expected doi, unsubscription or bounce.");
        }

        // Maileon sends no body (and no content type) when no body fields are configured.
        if (context.Request.ContentLength > 0 && !IsJson(context.Request.ContentType))
        {
            return Bad(StatusCodes.Status415UnsupportedMediaType, "Content-Type must be application/json.");
        }

        var body = await ReadBodyAsync(context, MaxMaileonBody);
        if (body is null)
        {
            return Bad(StatusCodes.Status413PayloadTooLarge, $"The body exceeds {MaxMaileonBody} bytes.");
        }

        var parameters = context.Request.Query
            .Where(q => q.Key != "token")
            .ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var token = context.Request.Query["token"].ToString();
        return await AnswerAsync(
            () => cluster.GetGrain<IWebhookIngressGrain>(IngressKey(companyId)).AcceptMaileon(companyId, eventName, string.IsNullOrEmpty(token) ? null : token, parameters, body),
            context,
            loggers);
    }

    /// <summary>
    /// The ingress worker's key. An Orleans client sends every call to one grain id through the same gateway, so a
    /// single key put all ingest on one silo, whose workers then reached persons on the others. Keyed by company,
    /// each tenant's webhooks enter through one gateway, tenants spread over the silos, and the tenant's person
    /// grains (placed next to their first caller) stay on that silo. Deal grains are placed normally: a burst of one
    /// tenant's deals on one silo timed out webhooks under Maileon 429s. Stateless workers are local to the gateway
    /// whatever the key; idle ones are collected.
    /// </summary>
    public static long IngressKey(long companyId) => companyId;

    private static async Task<(IResult, WebhookOutcome)> AnswerAsync(Func<Task<IngressOutcome>> accept, HttpContext context, ILoggerFactory loggers)
    {
        IngressOutcome outcome;
        try
        {
            outcome = await IngressRetry.RunAsync(accept, TimeProvider.System, context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Whatever went wrong (storage down, silo lost, an error that could not even cross the wire), the
            // event was not recorded: the sender must retry. The reason stays in our logs, not in the answer.
            LogNotRecorded(loggers.CreateLogger(typeof(WebhookEndpoints)), ex.GetType().Name);
            return (Unavailable(), WebhookOutcome.Unavailable);
        }

        return outcome.Status switch
        {
            IngressStatus.Accepted => (Ok(OkAccepted), WebhookOutcome.Accepted),
            IngressStatus.Duplicate => (Ok(OkDuplicate), WebhookOutcome.Duplicate),
            IngressStatus.Ignored => (Ok(OkIgnored), WebhookOutcome.Ignored),
            IngressStatus.BadRequest => Bad(StatusCodes.Status400BadRequest, outcome.Reason ?? "Bad request."),
            IngressStatus.Unauthorized => (Problem(StatusCodes.Status401Unauthorized, "Wrong credentials."), WebhookOutcome.Unauthorized),
            IngressStatus.Gone => (Problem(StatusCodes.Status410Gone, "This tenant is not installed."), WebhookOutcome.Gone),
            _ => (Unavailable(), WebhookOutcome.Unavailable),
        };
    }

    private static IResult Ok(object body) => TypedResults.Ok(body);

    private static (IResult, WebhookOutcome) Bad(int status, string title) => (Problem(status, title), WebhookOutcome.BadRequest);

    private static IResult Unavailable() =>
        Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not recorded; retry later.",
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = 5 });

    private static IResult Problem(int status, string title) => Results.Problem(statusCode: status, title: title);

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType == "application/json" || (media.MediaType?.EndsWith("+json", StringComparison.Ordinal) ?? false));

    private static string? BasicCredentials(string? authorization)
    {
        if (!AuthenticationHeaderValue.TryParse(authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrEmpty(header.Parameter))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Reads the body up to <paramref name="limit"/> bytes; null when it is longer.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, int limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return null;
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = limit + 1;
        }

        using var buffer = new MemoryStream(context.Request.ContentLength is > 0 and var length ? (int)length : 4096);
        try
        {
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        }
        catch (BadHttpRequestException)
        {
            return null;
        }

        return buffer.Length > limit ? null : buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook not recorded ({Reason}); answered 503 so the sender retries")]
    private static partial void LogNotRecorded(ILogger logger, string reason);
}
