using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using PipedriveMaileon.Grains.Interfaces.Observability;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using PipedriveMaileon.Web.Observability;

namespace PipedriveMaileon.Web.Webhooks;

/// <summary>
/// <c>POST /webhooks/pipedrive/{companyId}</c> and <c>POST /webhooks/maileon/{companyId}/{event}</c> (<c>doi</c>,
/// <c>unsubscription</c>, <c>bounce</c>). Credentials are
/// checked first, against this node's <see cref="TenantCredentialDirectory"/>: an unknown company and wrong
/// credentials both get 401 (429 past the client's allowance) before the body is read, and cost neither a grain call
/// nor a database query; an uninstalled company gets 410 only from a sender with its right credentials. Then the
/// company's rate limit, the HTTP shape (content type, size), and <see cref="WebhookDispatcher"/>, which parses the
/// body and hands the event to its grain: 2xx only after that grain recorded it durably.
/// </summary>
public static class WebhookEndpoints
{
    public const int MaxPipedriveBody = 512 * 1024;
    public const int MaxMaileonBody = 64 * 1024;

    /// <summary><c>bounce</c> only wakes the tenant's engagement poll (the bounces report says whether a bounce was hard).</summary>
    private static readonly string[] MaileonEvents = ["doi", "unsubscription", "bounce"];

    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/webhooks").DisableAntiforgery();
        group.MapPost("/pipedrive/{companyId:long}", Pipedrive);
        group.MapPost("/maileon/{companyId:long}/{eventName}", Maileon);
        return app;
    }

    private static async Task<IResult> Pipedrive(long companyId, HttpContext context, TenantCredentialDirectory directory, WebhookAdmission admission, WebhookDispatcher dispatcher, WebhookMetrics metrics)
    {
        var check = directory.CheckPipedrive(companyId, BasicCredentials(context.Request.Headers.Authorization));
        var started = metrics.Received(WebhookSource.Pipedrive, Authenticated(check) ? companyId : null);
        var (result, outcome) = await AdmitAsync(check, companyId, context, admission, basicChallenge: true)
            ?? await PipedriveAsync(companyId, context, dispatcher);
        metrics.Answered(WebhookSource.Pipedrive, outcome, started);
        return result;
    }

    private static async Task<IResult> Maileon(long companyId, string eventName, HttpContext context, TenantCredentialDirectory directory, WebhookAdmission admission, WebhookDispatcher dispatcher, WebhookMetrics metrics)
    {
        // The route's shape, before anything else: it says nothing about the company.
        var knownEvent = MaileonEvents.Contains(eventName, StringComparer.Ordinal);
        var token = context.Request.Query["token"].ToString();
        var check = knownEvent ? directory.CheckMaileon(companyId, string.IsNullOrEmpty(token) ? null : token) : CredentialCheck.Refused;
        var started = metrics.Received(WebhookSource.Maileon, Authenticated(check) ? companyId : null);
        var (result, outcome) = !knownEvent
            ? WebhookReply.Bad(StatusCodes.Status404NotFound, "Unknown Maileon event; expected doi or unsubscription.")
            : await AdmitAsync(check, companyId, context, admission, basicChallenge: false) ?? await MaileonAsync(companyId, eventName, context, dispatcher);
        metrics.Answered(WebhookSource.Maileon, outcome, started);
        return result;
    }

    private static bool Authenticated(CredentialCheck check) => check is CredentialCheck.Accepted or CredentialCheck.Gone;

    /// <summary>The answer for a webhook that goes no further (refused, gone, over its rate); null to go on.</summary>
    private static async ValueTask<(IResult, WebhookOutcome)?> AdmitAsync(CredentialCheck check, long companyId, HttpContext context, WebhookAdmission admission, bool basicChallenge)
    {
        switch (check)
        {
            case CredentialCheck.NotReady:
                return WebhookReply.Unavailable();
            case CredentialCheck.Refused:
                return admission.CountFailure(context.Connection.RemoteIpAddress) is { } wait
                    ? WebhookReply.TooMany(context, wait)
                    : WebhookReply.Unauthorized(context, basicChallenge);
            case CredentialCheck.Gone:
                return WebhookReply.Gone();
        }

        TagTenant(companyId);
        return await admission.AdmitTenantAsync(companyId, context.RequestAborted) is { } retryAfter
            ? WebhookReply.TooMany(context, retryAfter)
            : null;
    }

    private static async Task<(IResult, WebhookOutcome)> PipedriveAsync(long companyId, HttpContext context, WebhookDispatcher dispatcher)
    {
        if (!WebhookBody.IsJson(context.Request.ContentType))
        {
            return WebhookReply.Bad(StatusCodes.Status415UnsupportedMediaType, "Content-Type must be application/json.");
        }

        var body = await WebhookBody.ReadAsync(context, MaxPipedriveBody);
        return body is null
            ? WebhookReply.Bad(StatusCodes.Status413PayloadTooLarge, $"The body exceeds {MaxPipedriveBody} bytes.")
            : await dispatcher.PipedriveAsync(companyId, body, context.RequestAborted);
    }

    private static async Task<(IResult, WebhookOutcome)> MaileonAsync(long companyId, string eventName, HttpContext context, WebhookDispatcher dispatcher)
    {
        // Maileon sends no body (and no content type) when no body fields are configured.
        if (context.Request.ContentLength > 0 && !WebhookBody.IsJson(context.Request.ContentType))
        {
            return WebhookReply.Bad(StatusCodes.Status415UnsupportedMediaType, "Content-Type must be application/json.");
        }

        var body = await WebhookBody.ReadAsync(context, MaxMaileonBody);
        if (body is null)
        {
            return WebhookReply.Bad(StatusCodes.Status413PayloadTooLarge, $"The body exceeds {MaxMaileonBody} bytes.");
        }

        var parameters = context.Request.Query
            .Where(q => q.Key != "token")
            .ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        if (eventName == "bounce")
        {
            return await dispatcher.MaileonBounceAsync(companyId, context.RequestAborted);
        }

        var kind = eventName == "doi" ? MaileonEventKind.DoiConfirmed : MaileonEventKind.Unsubscribed;
        return await dispatcher.MaileonAsync(companyId, kind, parameters, body, context.RequestAborted);
    }

    /// <summary>Puts the tenant on the request's span once it is authenticated (costs nothing when no one records traces).</summary>
    private static void TagTenant(long companyId)
    {
        if (Activity.Current is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(TelemetryNames.TenantIdTag, companyId);
        }
    }

    /// <summary>The <c>user:password</c> of a Basic header; null when there is none or it cannot be read.</summary>
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
}
