using System.Text.Json.Nodes;
using PipedriveMaileon.Sandbox.Pipedrive.Api;
using PipedriveMaileon.Sandbox.Pipedrive.Persons;
using PipedriveMaileon.Sandbox.Pipedrive.Wire;

namespace PipedriveMaileon.Sandbox.Pipedrive.Deals;

/// <summary><c>/api/v2/deals</c>: list (cursor), get (<c>include_fields=smart_bcc_email</c>), create, patch, delete.</summary>
public static class DealEndpoints
{
    public static void MapV2(RouteGroupBuilder v2)
    {
        v2.MapGet("/deals", (HttpContext http, PipedriveStore store, long? person_id, string? status, int? limit, string? cursor) =>
        {
            var caller = ApiCaller.From(http);
            var offset = PersonEndpoints.DecodeCursor(cursor);
            if (offset < 0 || limit is < 1 or > 500)
            {
                return PipedriveResponses.BadRequest("Invalid cursor or limit.");
            }

            lock (store.Gate)
            {
                var company = store.FindCompany(caller.CompanyId);
                var all = store.Deals.Where(d => d.CompanyId == caller.CompanyId && !d.IsDeleted)
                    .Where(d => person_id is null || d.PersonId == person_id)
                    .Where(d => status is null or "all_not_deleted" || d.Status == status)
                    .OrderBy(d => d.Id).ToList();
                var page = all.Skip(offset).Take(limit ?? 100).ToList();
                var next = offset + page.Count < all.Count ? PersonEndpoints.EncodeCursor(offset + page.Count) : null;
                return PipedriveResponses.Ok(new JsonArray([.. page.Select(d => (JsonNode)EntityJson.DealV2(d, company, false))]), new JsonObject { ["next_cursor"] = next });
            }
        }).WithMetadata(new TokenCost(10));

        v2.MapGet("/deals/{id:long}", (long id, string? include_fields, HttpContext http, PipedriveStore store) =>
        {
            var caller = ApiCaller.From(http);
            var smartBcc = (include_fields ?? "").Split(',', StringSplitOptions.TrimEntries).Contains("smart_bcc_email");
            lock (store.Gate)
            {
                return store.FindDeal(id) is { IsDeleted: false } deal && deal.CompanyId == caller.CompanyId
                    ? PipedriveResponses.Ok(EntityJson.DealV2(deal, store.FindCompany(caller.CompanyId), smartBcc))
                    : PipedriveResponses.NotFound();
            }
        }).WithMetadata(new TokenCost(1));

        v2.MapPost("/deals", async (HttpContext http, DealWriter writer) =>
        {
            var caller = ApiCaller.From(http);
            var (body, error) = await JsonInput.ReadObjectAsync(http.Request);
            return body is null ? PipedriveResponses.BadRequest(error!) : PersonEndpoints.Answer(writer.Create(caller.CompanyId, body, caller.UserId, "api"));
        }).WithMetadata(new TokenCost(5));

        v2.MapPatch("/deals/{id:long}", async (long id, HttpContext http, DealWriter writer) =>
        {
            var caller = ApiCaller.From(http);
            var (body, error) = await JsonInput.ReadObjectAsync(http.Request);
            return body is null ? PipedriveResponses.BadRequest(error!) : PersonEndpoints.Answer(writer.Update(caller.CompanyId, id, body, caller.UserId, "api"));
        }).WithMetadata(new TokenCost(5));

        v2.MapDelete("/deals/{id:long}", (long id, HttpContext http, DealWriter writer) =>
        {
            var caller = ApiCaller.From(http);
            return PersonEndpoints.Answer(writer.Delete(caller.CompanyId, id, caller.UserId, "api"));
        }).WithMetadata(new TokenCost(3));
    }
}
