using System.Diagnostics;
using System.Globalization;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Deals;
using PipedriveMaileon.Grains.Interfaces.Identity;
using PipedriveMaileon.Grains.Interfaces.Observability;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using PipedriveMaileon.Web.Observability;

namespace PipedriveMaileon.Web.Webhooks;

/// <summary>
/// One hop from an authenticated webhook to the grain that owns it: parses the body here and calls the person's or
/// deal's grain (a Maileon event: the tenant's grain of its address, <see cref="MaileonEventRouting"/>), whose durable
/// write is the acknowledgement (2xx only after it; 503 when nothing could be recorded, so the sender retries).
/// Passing cluster failures are ridden out by <see cref="IngressRetry"/>. Every call runs in
/// a log scope with the tenant, the source and the event id, which also go on the request's span; refusals are
/// logged at Debug only, since a misconfigured sender can send thousands.
/// </summary>
public sealed partial class WebhookDispatcher(IClusterClient cluster, TimeProvider time, ILogger<WebhookDispatcher> logger)
{
    private static readonly Func<ILogger, long, string, string?, IDisposable?> IngressScope =
        LoggerMessage.DefineScope<long, string, string?>("Tenant {TenantId}, {Source} webhook, correlation {CorrelationId}");

    public async Task<(IResult, WebhookOutcome)> PipedriveAsync(long companyId, byte[] body, CancellationToken cancellationToken)
    {
        var parsed = PipedriveWebhookParser.Parse(body, companyId);
        var eventId = parsed.Meta?.EventId;
        using var scope = IngressScope(logger, companyId, "pipedrive", eventId);
        Tag(eventId);
        var company = CompanyKey(companyId);
        return parsed switch
        {
            { Person: { } person } => await DeliverAsync(() => cluster.GetGrain<IContactSyncGrain>(person.Meta.EntityId, company).AcceptPerson(person), cancellationToken),
            { Deal: { } deal } => await DeliverAsync(() => cluster.GetGrain<IDealGrain>(deal.Meta.EntityId, company).Accept(deal), cancellationToken),
            { Status: WebhookParseStatus.Ignored } => WebhookReply.Ignored(),
            _ => Refused(IngressOutcome.Bad(parsed.Reason ?? "The webhook could not be read.")),
        };
    }

    /// <summary>
    /// Maileon's bounce webhook says nothing of the bounce's type; the bounces report the tenant's engagement poll reads
    /// does. So it only brings that read forward, and acknowledging it records nothing of its own.
    /// </summary>
    public async Task<(IResult, WebhookOutcome)> MaileonBounceAsync(long companyId, CancellationToken cancellationToken)
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

    public async Task<(IResult, WebhookOutcome)> MaileonAsync(
        long companyId, MaileonEventKind kind, IReadOnlyDictionary<string, string> parameters, byte[] body, CancellationToken cancellationToken)
    {
        var parsed = MaileonWebhookParser.Parse(kind, parameters, body, time.GetUtcNow());
        if (parsed.Event is not { } maileonEvent)
        {
            using var refusedScope = IngressScope(logger, companyId, "maileon", null);
            return Refused(IngressOutcome.Bad(parsed.Reason ?? "The webhook could not be read."));
        }

        using var scope = IngressScope(logger, companyId, "maileon", maileonEvent.EventId);
        Tag(maileonEvent.EventId);

        // By address, never by external id: one Maileon account may serve several Pipedrive companies and other
        // systems; the tenant's grain of the address updates every person of this company that has it.
        return await DeliverAsync(() => cluster.AcceptMaileonAsync(companyId, maileonEvent), cancellationToken);
    }

    private static string CompanyKey(long companyId) => companyId.ToString(CultureInfo.InvariantCulture);

    private static void Tag(string? eventId)
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
