using PipedriveMaileon.Sandbox.Pipedrive.Api;
using PipedriveMaileon.Sandbox.Pipedrive.Wire;

namespace PipedriveMaileon.Sandbox.Pipedrive.Organizations;

/// <summary><c>GET /api/v2/organizations/{id}</c>.</summary>
public static class OrganizationEndpoints
{
    public static void MapV2(RouteGroupBuilder v2)
    {
        v2.MapGet("/organizations/{id:long}", (long id, HttpContext http, PipedriveStore store) =>
        {
            var caller = ApiCaller.From(http);
            lock (store.Gate)
            {
                return store.FindOrganization(id) is { } organization && organization.CompanyId == caller.CompanyId
                    ? PipedriveResponses.Ok(EntityJson.OrganizationV2(organization))
                    : PipedriveResponses.NotFound();
            }
        }).WithMetadata(new TokenCost(1));
    }
}
