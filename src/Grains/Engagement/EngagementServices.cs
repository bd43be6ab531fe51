using Microsoft.Extensions.Options;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Tenants;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>What an engagement poll run reads from and routes through.</summary>
public sealed class EngagementServices(
    TenantConnections tenants,
    IEngagementReports reports,
    PipedriveApiClient pipedrive,
    PipedriveRateLimitTracker rateLimits,
    ITenantAddressPersons addresses,
    IOptions<EngagementOptions> options)
{
    public TenantConnections Tenants { get; } = tenants;

    public IEngagementReports Reports { get; } = reports;

    public PipedriveApiClient Pipedrive { get; } = pipedrive;

    public PipedriveRateLimitTracker RateLimits { get; } = rateLimits;

    public ITenantAddressPersons Addresses { get; } = addresses;

    public EngagementOptions Options => options.Value;
}
