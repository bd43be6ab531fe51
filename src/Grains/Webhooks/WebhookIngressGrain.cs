using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Deals;
using PipedriveMaileon.Grains.Interfaces.Observability;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using PipedriveMaileon.Grains.Tenants;

namespace PipedriveMaileon.Grains.Webhooks;

/// <summary>
/// Entry of inbound webhooks into the cluster, on every silo (stateless worker). Checks the tenant's credentials
/// against hashes the tenant grain hands out (kept for <see cref="PolicyLifetime"/> by <see cref="TenantConnections"/>,
/// fetched again before refusing), parses the body and passes the event to the person's or deal's grain, whose
/// write is the acknowledgement. Every call runs in a log scope with the tenant, the source and (once parsed) the
/// event id, and puts them on the call's span; refusals are logged at Debug only, since a misconfigured sender can
/// send thousands.
/// Reentrant: nearly all of a call's time is spent awaiting the owning grain's storage write, and a stateless
/// worker that waited for each call to finish before taking the next would admit only one webhook per activation
/// (Orleans creates as many activations as the silo has cores), capping ingest at a few hundred per second. It
/// holds no state of its own, so interleaving calls cannot disturb each other.
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed partial class WebhookIngressGrain(TenantConnections tenants, TimeProvider time, ILogger<WebhookIngressGrain> logger) : Grain, IWebhookIngressGrain
{
    private static readonly Func<ILogger, long, string, string?, IDisposable?> IngressScope =
        LoggerMessage.DefineScope<long, string, string?>("Tenant {TenantId}, {Source} webhook, correlation {CorrelationId}");

    /// <summary>Short, so an uninstall or new credentials take effect within a second on every silo.</summary>
    private static readonly TimeSpan PolicyLifetime = TimeSpan.FromSeconds(1);

    /// <summary>Before refusing, a cached policy older than this is fetched again (not on every bad request, though).</summary>
    private static readonly TimeSpan RecheckAfter = TimeSpan.FromMilliseconds(250);

    public async Task<IngressOutcome> AcceptPipedrive(long companyId, string? basicCredentials, byte[] body)
    {
        var refusal = await CheckAsync(companyId, p => WebhookSecrets.Matches(p.PipedriveCredentialHash, basicCredentials));
        if (refusal is not null)
        {
            return Refused(companyId, "pipedrive", null, refusal);
        }

        var parsed = PipedriveWebhookParser.Parse(body, companyId);
        var eventId = parsed.Person?.Meta.EventId ?? parsed.Deal?.Meta.EventId;
        using var scope = IngressScope(logger, companyId, "pipedrive", eventId);
        Tag(companyId, eventId);
        var outcome = parsed switch
        {
            { Person: { } person } => await GrainFactory.Contact(companyId, person.Meta.EntityId).AcceptPerson(person),
            { Deal: { } deal } => await GrainFactory.Deal(companyId, deal.Meta.EntityId).Accept(deal),
            { Status: WebhookParseStatus.Ignored } => IngressOutcome.Ignored(parsed.Reason ?? "Not an event this app handles."),
            _ => IngressOutcome.Bad(parsed.Reason ?? "The webhook could not be read."),
        };
        return outcome.Status is IngressStatus.Accepted or IngressStatus.Duplicate or IngressStatus.Ignored ? outcome : Refused(companyId, "pipedrive", eventId, outcome);
    }

    public async Task<IngressOutcome> AcceptMaileon(long companyId, string eventName, string? token, IReadOnlyDictionary<string, string> parameters, byte[] body)
    {
        var refusal = await CheckAsync(companyId, p => WebhookSecrets.Matches(p.MaileonTokenHash, token));
        if (refusal is not null)
        {
            return Refused(companyId, "maileon", null, refusal);
        }

        if (eventName == "bounce")
        {
            // The bounce is in Maileon's bounces report, which the poll reads (and which says whether it was hard):
            // the webhook only brings the next read forward, so accepting it records nothing of its own.
            await GrainFactory.Engagement(companyId).PollSoon();
            return IngressOutcome.Accepted;
        }

        var kind = eventName == "doi" ? MaileonEventKind.DoiConfirmed : MaileonEventKind.Unsubscribed;
        var parsed = MaileonWebhookParser.Parse(kind, parameters, body, time.GetUtcNow());
        if (parsed.Event is not { } maileonEvent)
        {
            return Refused(companyId, "maileon", null, IngressOutcome.Bad(parsed.Reason ?? "The webhook could not be read."));
        }

        using var scope = IngressScope(logger, companyId, "maileon", maileonEvent.EventId);
        Tag(companyId, maileonEvent.EventId);

        // One Maileon account may serve several Pipedrive companies: only our own contacts count.
        if (!ContactExternalId.TryParse(maileonEvent.ExternalId, out var contactCompany, out var personId))
        {
            return IngressOutcome.Ignored("The contact has no Pipedrive external id of this app.");
        }

        if (contactCompany != companyId)
        {
            return IngressOutcome.Ignored("The contact belongs to another Pipedrive company.");
        }

        return await GrainFactory.Contact(companyId, personId).AcceptMaileon(maileonEvent);
    }

    private static void Tag(long companyId, string? eventId)
    {
        if (Activity.Current is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(TelemetryNames.TenantIdTag, companyId);
            activity.SetTag(TelemetryNames.EventIdTag, eventId);
        }
    }

    private IngressOutcome Refused(long companyId, string source, string? eventId, IngressOutcome outcome)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            using var scope = IngressScope(logger, companyId, source, eventId);
            LogRefused(outcome.Status, outcome.Reason);
        }

        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook refused: {Status} ({Reason})")]
    private partial void LogRefused(IngressStatus status, string? reason);

    private async Task<IngressOutcome?> CheckAsync(long companyId, Func<TenantIngressPolicy, bool> credentialsMatch)
    {
        var policy = await PolicyAsync(companyId, PolicyLifetime);
        if (policy.Status is TenantStatus.Active or TenantStatus.NeedsReauthorization && credentialsMatch(policy))
        {
            return null;
        }

        // Credentials may have been renewed, or the tenant re-installed, since the cached copy: ask again once.
        policy = await PolicyAsync(companyId, RecheckAfter);
        return policy.Status switch
        {
            TenantStatus.NotInstalled or TenantStatus.Uninstalled => new IngressOutcome(IngressStatus.Gone, "This company has not installed the app."),
            _ when !credentialsMatch(policy) => new IngressOutcome(IngressStatus.Unauthorized, "Wrong credentials."),
            _ => null,
        };
    }

    private Task<TenantIngressPolicy> PolicyAsync(long companyId, TimeSpan maxAge) => tenants.GetIngressPolicyAsync(companyId, maxAge);
}
