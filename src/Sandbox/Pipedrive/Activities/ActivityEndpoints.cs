using System.Globalization;
using System.Text.Json.Nodes;
using PipedriveMaileon.Sandbox.Pipedrive.Api;
using PipedriveMaileon.Sandbox.Pipedrive.Model;
using PipedriveMaileon.Sandbox.Pipedrive.Persons;
using PipedriveMaileon.Sandbox.Pipedrive.Wire;

namespace PipedriveMaileon.Sandbox.Pipedrive.Activities;

/// <summary>
/// <c>/api/v2/activities</c> (v2.yaml, tag Activities): list (filters, <c>updated_since</c>/<c>updated_until</c>, sort,
/// cursor pagination), get, create, patch and delete (soft), with the spec's token costs and scopes
/// (<c>activities:read</c> or <c>activities:full</c> to read, <c>activities:full</c> to write).
/// </summary>
public static class ActivityEndpoints
{
    private static readonly RequiredScopes Read = new("activities:read", "activities:full");
    private static readonly RequiredScopes Write = new("activities:full");

    public static void MapV2(RouteGroupBuilder v2)
    {
        v2.MapGet("/activities", List).WithMetadata(new TokenCost(10), Read);
        v2.MapGet("/activities/{id:long}", (long id, string? include_fields, HttpContext http, PipedriveStore store) =>
        {
            var caller = ApiCaller.From(http);
            lock (store.Gate)
            {
                return store.FindActivity(id) is { IsDeleted: false } activity && activity.CompanyId == caller.CompanyId
                    ? PipedriveResponses.Ok(ActivityWriter.Json(activity, include_fields == "attendees"))
                    : PipedriveResponses.NotFound();
            }
        }).WithMetadata(new TokenCost(1), Read);
        v2.MapPost("/activities", async (HttpContext http, ActivityWriter writer) =>
        {
            var caller = ApiCaller.From(http);
            var (body, error) = await JsonInput.ReadObjectAsync(http.Request);
            return body is null ? PipedriveResponses.BadRequest(error!) : PersonEndpoints.Answer(writer.Create(caller.CompanyId, body, caller.UserId));
        }).WithMetadata(new TokenCost(5), Write);
        v2.MapPatch("/activities/{id:long}", async (long id, HttpContext http, ActivityWriter writer) =>
        {
            var caller = ApiCaller.From(http);
            var (body, error) = await JsonInput.ReadObjectAsync(http.Request);
            return body is null ? PipedriveResponses.BadRequest(error!) : PersonEndpoints.Answer(writer.Update(caller.CompanyId, id, body));
        }).WithMetadata(new TokenCost(5), Write);
        v2.MapDelete("/activities/{id:long}", (long id, HttpContext http, ActivityWriter writer) =>
            PersonEndpoints.Answer(writer.Delete(ApiCaller.From(http).CompanyId, id))).WithMetadata(new TokenCost(3), Write);
    }

    private static IResult List(
        HttpContext http,
        PipedriveStore store,
        long? person_id,
        long? deal_id,
        long? org_id,
        long? owner_id,
        bool? done,
        string? ids,
        string? updated_since,
        string? updated_until,
        string? sort_by,
        string? sort_direction,
        string? include_fields,
        int? limit,
        string? cursor)
    {
        var caller = ApiCaller.From(http);
        var offset = PersonEndpoints.DecodeCursor(cursor);
        var since = Time(updated_since);
        var until = Time(updated_until);
        var problem = offset < 0 ? "Invalid cursor."
            : limit is < 1 or > 500 ? "Limit must be between 1 and 500."
            : since is null && updated_since is not null ? "updated_since must be RFC 3339."
            : until is null && updated_until is not null ? "updated_until must be RFC 3339."
            : sort_by is not (null or "id" or "update_time" or "add_time" or "due_date") ? "sort_by must be id, update_time, add_time or due_date."
            : sort_direction is not (null or "asc" or "desc") ? "sort_direction must be asc or desc."
            : null;
        if (problem is not null)
        {
            return PipedriveResponses.BadRequest(problem);
        }

        var idFilter = ids?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(i => long.TryParse(i, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : -1).ToHashSet();
        lock (store.Gate)
        {
            var matching = store.Activities.Where(a => a.CompanyId == caller.CompanyId && !a.IsDeleted)
                .Where(a => person_id is null || a.Participants.Any(p => p.PersonId == person_id))
                .Where(a => (deal_id is null || a.DealId == deal_id) && (org_id is null || a.OrgId == org_id))
                .Where(a => (owner_id is null || a.OwnerId == owner_id) && (done is null || a.Done == done))
                .Where(a => idFilter is null || idFilter.Contains(a.Id))
                .Where(a => (since is null || Seconds(a.UpdateTime) >= since) && (until is null || Seconds(a.UpdateTime) < until));
            Func<Activity, object> key = sort_by switch
            {
                "update_time" => a => a.UpdateTime,
                "add_time" => a => a.AddTime,
                "due_date" => a => a.DueDate ?? string.Empty,
                _ => a => a.Id,
            };
            var sorted = (sort_direction == "desc" ? matching.OrderByDescending(key) : matching.OrderBy(key)).ThenBy(a => a.Id).ToList();
            var page = sorted.Skip(offset).Take(limit ?? 100).ToList();
            var next = offset + page.Count < sorted.Count ? PersonEndpoints.EncodeCursor(offset + page.Count) : null;
            return PipedriveResponses.Ok(new JsonArray([.. page.Select(a => (JsonNode)ActivityWriter.Json(a, include_fields == "attendees"))]),
                new JsonObject { ["next_cursor"] = next });
        }
    }

    private static DateTimeOffset? Time(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;

    private static DateTimeOffset Seconds(DateTimeOffset time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), time.Offset);
}
