using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Pipedrive;
using PipedriveMaileon.Grains.Tenants;

namespace PipedriveMaileon.Grains.Deals;

/// <summary>The production gateways: the tenant through <see cref="TenantConnections"/>, the real API clients and the name cache.</summary>
public sealed class DealGatewayFactory(
    TenantConnections tenants,
    MaileonClient maileon,
    PipedriveApiClient pipedrive,
    PipedriveLookupCache lookups) : IDealGatewayFactory
{
    public IDealGateway Create(long companyId) =>
        new DealGateway(tenants, companyId, maileon, pipedrive, lookups);
}
