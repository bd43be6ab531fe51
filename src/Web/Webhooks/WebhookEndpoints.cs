using System.Diagnostics;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Identity;
using PipedriveMaileon.Grains.Interfaces.Observability;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using PipedriveMaileon.Web.Observability;

namespace PipedriveMaileon.Web.Webhooks;

/// <summary>
/// <c>POST /webhooks/pipedrive/{companyId}</c> and <c>POST /webhooks/maileon/{companyId}/{event}</c> (<c>doi</c>,
/// <c>unsubscription</c>, <c>bounce</c>), one hop from the request to the grain that owns the event.
/// <list type="number">
/// <item>Credentials first, against this node's <see cref="TenantCredentialDirectory"/>, then the company's rate
/// (<see cref="WebhookAdmission"/>): an unknown company and wrong credentials both get 401 (429 past the client's
/// allowance) before the body is read, and cost neither a grain call nor a database query; an uninstalled company gets
/// 410 only from a sender with its right credentials.</item>
/// <item>The HTTP shape (content type, size), then the body is parsed here and the person's or deal's grain called (a
/// Maileon event: the tenant's grain of its address, <see cref="MaileonEventRouting"/>). That grain's durable write is
/// the acknowledgement: 2xx only after it, 503 when nothing could be recorded, so the sender retries. Passing cluster
/// failures are ridden out by <see cref="IngressRetry"/>.</item>
/// </list>
/// Every grain call runs in a log scope with the tenant, the source and the event id, which also go on the request's
/// span; refusals are logged at Debug only, since a misconfigured sender can send thousands.
/// </summary>
public sealed partial class WebhookEndpoints(
    TenantCredentialDirectory directory,
    WebhookAdmission admission,
    WebhookMetrics metrics,
    IClusterClient cluster,
    TimeProvider time,
    ILogger<WebhookEndpoints> logger)
{
    public const int MaxPipedriveBody = 512 * 1024;
    public const int MaxMaileonBody = 64 * 1024;

    /// <summary><c>bounce</c> only wakes the tenant's engagement poll (the bounces report says whether a bounce was hard).</summary>
    private static readonly string[] MaileonEvents = ["doi", "unsubscription", "bounce"];

    private static readonly Func<ILogger, long, string, string?, IDisposable?> IngressScope =
        LoggerMessage.DefineScope<long, string, string?>("Tenant {TenantId}, {Source} webhook, correlation {CorrelationId}");

    /// <summary>Maps the routes to the <see cref="WebhookEndpoints"/> singleton (registered by <see cref="WebhookIngressServiceCollectionExtensions.AddWebhookIngress"/>).</summary>
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/webhooks").DisableAntiforgery();
        group.MapPost("/pipedrive/{companyId:long}", (long companyId, HttpContext context, WebhookEndpoints webhooks) => webhooks.PipedriveAsync(companyId, context));
        group.MapPost("/maileon/{companyId:long}/{eventName}", (long companyId, string eventName, HttpContext context, WebhookEndpoints webhooks) => webhooks.MaileonAsync(companyId, eventName, context));
        return app;
    }

    private async Task<IResult> PipedriveAsync(long companyId, HttpContext context)
    {
        var check = directory.CheckPipedrive(companyId, TenantCredentialDirectory.BasicCredentials(context.Request.Headers.Authorization));
        var started = metrics.Received(WebhookSource.Pipedrive, Authenticated(check) ? companyId : null);
        var (result, outcome) = await admission.AdmitAsync(check, companyId, context, basicChallenge: true)
            ?? await AcceptPipedriveAsync(companyId, context);
        metrics.Answered(WebhookSource.Pipedrive, outcome, started);
        return result;
    }

    private async Task<IResult> MaileonAsync(long companyId, string eventName, HttpContext context)
    {
        // The route's shape, before anything else: it says nothing about the company.
        var knownEvent = MaileonEvents.Contains(eventName, StringComparer.Ordinal);
        var token = context.Request.Query["token"].ToString();
        var check = knownEvent ? directory.CheckMaileon(companyId, string.IsNullOrEmpty(token) ? null : token) : CredentialCheck.Refused;
        var started = metrics.Received(WebhookSource.Maileon, Authenticated(check) ? companyId : null);
        var (result, outcome) = !knownEvent
            ? WebhookReply.Bad(StatusCodes.Status404NotFound, "Unknown Maileon event; expected doi, unsubscription or bounce.")
            : await admission.AdmitAsync(check, companyId, context, basicChallenge: false) ?? await AcceptMaileonAsync(companyId, eventName, context);
        metrics.Answered(WebhookSource.Maileon, outcome, started);
        return result;
    }

    private static bool Authenticated(CredentialCheck check) => check is CredentialCheck.Accepted or CredentialCheck.Gone;

    private async Task<(IResult, WebhookOutcome)> AcceptPipedriveAsync(long companyId, HttpContext context)
    {
        var (body, refused) = await ReadJsonAsync(context, MaxPipedriveBody, bodyRequired: true);
        if (body is null)
        {
            return refused!.Value;
        }

        var parsed = PipedriveWebhookParser.Parse(body, companyId);
        var eventId = parsed.Meta?.EventId;
        using var scope = IngressScope(logger, companyId, "pipedrive", eventId);
        TagEvent(eventId);
        return parsed switch
        {
            { Person: { } person } => await DeliverAsync(() => cluster.Contact(companyId, person.Meta.EntityId).AcceptPerson(person), context.RequestAborted),
            { Deal: { } deal } => await DeliverAsync(() => cluster.Deal(companyId, deal.Meta.EntityId).Accept(deal), context.RequestAborted),
            { Status: WebhookParseStatus.Ignored } => WebhookReply.Ignored(),
            _ => Refused(IngressOutcome.Bad(parsed.Reason ?? "The webhook could not be read.")),
        };
    }

    private async Task<(IResult, WebhookOutcome)> AcceptMaileonAsync(long companyId, string eventName, HttpContext context)
    {
        // Maileon sends no body (and no content type) when no body fields are configured.
        var (body, refused) = await ReadJsonAsync(context, MaxMaileonBody, bodyRequired: false);
        if (body is null)
        {
            return refused!.Value;
        }

        if (eventName == "bounce")
        {
            return await BounceAsync(companyId, context.RequestAborted);
        }

        var parameters = context.Request.Query
            .Where(q => q.Key != "token")
            .ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var kind = eventName == "doi" ? MaileonEventKind.DoiConfirmed : MaileonEventKind.Unsubscribed;
        var parsed = MaileonWebhookParser.Parse(kind, parameters, body, time.GetUtcNow());
        if (parsed.Event is not { } maileonEvent)
        {
            using var refusedScope = IngressScope(logger, companyId, "maileon", null);
            return Refused(IngressOutcome.Bad(parsed.Reason ?? "The webhook could not be read."));
        }

        using var scope = IngressScope(logger, companyId, "maileon", maileonEvent.EventId);
        TagEvent(maileonEvent.EventId);

        // By address, never by external id: one Maileon account may serve several Pipedrive companies and other
        // systems; the tenant's grain of the address updates every person of this company that has it.
        return await DeliverAsync(() => cluster.AcceptMaileonAsync(companyId, maileonEvent), context.RequestAborted);
    }

    /// <summary>
    /// Maileon's bounce webhook says nothing of the bounce's type; the bounces report the tenant's engagement poll reads
    /// does. So it only brings that read forward, and acknowledging it records nothing of its own.
    /// </summary>
    private async Task<(IResult, WebhookOutcome)> BounceAsync(long companyId, CancellationToken cancellationToken)
    {
        using var scope = IngressScope(logger, companyId, "maileon", null);
        return await DeliverAsync(
            async () =>
            {
                await cluster.Engagement(companyId).PollSoon();
                return IngressOutcome.Accepted;
            },
            cancellationToken);
    }

    /// <summary>
    /// The body, read up to <paramref name="limit"/> bytes; or the refusal: 415 for a body that is not JSON (a body is
    /// optional unless <paramref name="bodyRequired"/>), 413 past the limit.
    /// </summary>
    private static async Task<(byte[]? Body, (IResult, WebhookOutcome)? Refused)> ReadJsonAsync(HttpContext context, int limit, bool bodyRequired)
    {
        if ((bodyRequired || context.Request.ContentLength > 0) && !WebhookBody.IsJson(context.Request.ContentType))
        {
            return (null, WebhookReply.Bad(StatusCodes.Status415UnsupportedMediaType, "Content-Type must be application/json."));
        }

        return await WebhookBody.ReadAsync(context, limit) is { } body
            ? (body, null)
            : (null, WebhookReply.Bad(StatusCodes.Status413PayloadTooLarge, $"The body exceeds {limit} bytes."));
    }

    private static void TagEvent(string? eventId)
    {
        if (Activity.Current is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(TelemetryNames.EventIdTag, eventId);
        }
    }

    private async Task<(IResult, WebhookOutcome)> DeliverAsync(Func<Task<IngressOutcome>> accept, CancellationToken cancellationToken)
    {
        IngressOutcome outcome;
        try
        {
            outcome = await IngressRetry.RunAsync(accept, time, cancellationToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Whatever went wrong (storage down, silo lost, an error that could not even cross the wire), the
            // event was not recorded: the sender must retry. The reason stays in our logs, not in the answer.
            LogNotRecorded(ex.GetType().Name);
            return WebhookReply.Unavailable();
        }

        return outcome.Status is IngressStatus.Accepted or IngressStatus.Duplicate or IngressStatus.Ignored
            ? WebhookReply.From(outcome)
            : Refused(outcome);
    }

    private (IResult, WebhookOutcome) Refused(IngressOutcome outcome)
    {
        LogRefused(outcome.Status, outcome.Reason);
        return WebhookReply.From(outcome);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook not recorded ({Reason}); answered 503 so the sender retries")]
    private partial void LogNotRecorded(string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook refused: {Status} ({Reason})")]
    private partial void LogRefused(IngressStatus status, string? reason);
}
