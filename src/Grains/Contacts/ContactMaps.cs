using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using PipedriveMaileon.Grains.Pipedrive;
using PipedriveMaileon.Grains.Tenants;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// The Maileon contact body for a person (<see cref="MaileonContactMapper"/>), with the organisation and owner names
/// looked up in Pipedrive (cached per silo): what both the address's double opt-in and the person's field updates send.
/// </summary>
public sealed class ContactMaps(TenantConnections tenants, PipedriveLookupCache lookups)
{
    public async Task<MaileonContactMapping> MapAsync(PersonSnapshot person, TenantConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(connection);
        var companyId = connection.CompanyId;
        string? organization = null;
        PipedriveUser? owner = null;
        if (person.OrgId is { } orgId)
        {
            organization = await tenants.CallPipedriveAsync(companyId, pd => lookups.OrganizationNameAsync(pd, orgId, cancellationToken));
        }

        if (person.OwnerId is { } ownerId)
        {
            owner = await tenants.CallPipedriveAsync(companyId, pd => lookups.UserAsync(pd, ownerId, cancellationToken));
        }

        return MaileonContactMapper.Map(person, new ContactMappingContext(companyId, organization, owner?.Name, owner?.Email, connection.ExtraFields));
    }
}
