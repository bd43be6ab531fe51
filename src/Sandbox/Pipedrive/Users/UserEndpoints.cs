using PipedriveMaileon.Sandbox.Pipedrive.Api;
using PipedriveMaileon.Sandbox.Pipedrive.Wire;

namespace PipedriveMaileon.Sandbox.Pipedrive.Users;

/// <summary><c>GET /v1/users/me</c> (user plus company fields) and <c>GET /v1/users/{id}</c> within the caller's company.</summary>
public static class UserEndpoints
{
    public static void MapV1(RouteGroupBuilder v1)
    {
        v1.MapGet("/users/me", (HttpContext http, PipedriveStore store) =>
        {
            var caller = ApiCaller.From(http);
            lock (store.Gate)
            {
                var user = store.FindUser(caller.UserId)!;
                return PipedriveResponses.Ok(EntityJson.UserV1(user, store.FindCompany(caller.CompanyId)!, true, true));
            }
        }).WithMetadata(new TokenCost(2));

        v1.MapGet("/users/{id:long}", (long id, HttpContext http, PipedriveStore store) =>
        {
            var caller = ApiCaller.From(http);
            lock (store.Gate)
            {
                if (store.FindUser(id) is not { } user || user.CompanyId != caller.CompanyId)
                {
                    return PipedriveResponses.Json(new System.Text.Json.Nodes.JsonObject
                    {
                        ["success"] = false,
                        ["error"] = "User not found or not accessible.",
                    }, StatusCodes.Status404NotFound);
                }

                return PipedriveResponses.Ok(EntityJson.UserV1(user, store.FindCompany(caller.CompanyId)!, false, user.Id == caller.UserId));
            }
        }).WithMetadata(new TokenCost(2));
    }
}
