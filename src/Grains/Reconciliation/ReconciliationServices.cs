using Microsoft.Extensions.Options;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Tenants;

namespace PipedriveMaileon.Grains.Reconciliation;

/// <summary>What a reconciliation run reads from: the tenant's connection, Maileon, Pipedrive and its rate limits.</summary>
public sealed class ReconciliationServices(
    TenantConnections tenants,
    MaileonContacts maileonContacts,
    MaileonReports maileonReports,
    PipedriveApiClient pipedrive,
    PipedriveRateLimitTracker rateLimits,
    IOptions<ReconciliationOptions> options)
{
    public TenantConnections Tenants { get; } = tenants;

    public MaileonContacts MaileonContacts { get; } = maileonContacts;

    public MaileonReports MaileonReports { get; } = maileonReports;

    public PipedriveApiClient Pipedrive { get; } = pipedrive;

    public PipedriveRateLimitTracker RateLimits { get; } = rateLimits;

    public IOptions<ReconciliationOptions> Options { get; } = options;
}
