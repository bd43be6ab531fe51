using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using PipedriveMaileon.Sandbox.Pipedrive.Api;
using PipedriveMaileon.Sandbox.Pipedrive.Model;
using PipedriveMaileon.Sandbox.Pipedrive.Wire;

namespace PipedriveMaileon.Sandbox.Pipedrive.Persons;

/// <summary>
/// <c>/api/v2/persons</c>: list (filters, <c>updated_since</c>, sort, cursor pagination), search (by email or name),
/// get, create, patch and delete (soft). Writes made here emit webhooks with <c>change_source: api</c>.
/// </summary>
public static class PersonEndpoints
{
    public static void MapV2(RouteGroupBuilder v2)
    {
        v2.MapGet("/persons", List).WithMetadata(new TokenCost(10));
        v2.MapGet("/persons/search", Search).WithMetadata(new TokenCost(20));
        v2.MapGet("/persons/{id:long}", (long id, HttpContext http, PipedriveStore store) =>
        {
            var caller = ApiCaller.From(http);
            lock (store.Gate)
            {
                return store.FindPerson(id) is { IsDeleted: false } person && person.CompanyId == caller.CompanyId
                    ? PipedriveResponses.Ok(EntityJson.PersonV2(person, store.CustomFieldsOf(caller.CompanyId)))
                    : PipedriveResponses.NotFound();
            }
        }).WithMetadata(new TokenCost(1));
        v2.MapPost("/persons", async (HttpContext http, PersonWriter writer) =>
        {
            var caller = ApiCaller.From(http);
            var (body, error) = await JsonInput.ReadObjectAsync(http.Request);
            return body is null ? PipedriveResponses.BadRequest(error!) : Answer(writer.Create(caller.CompanyId, body, caller.UserId, "api"));
        }).WithMetadata(new TokenCost(5));
        v2.MapPatch("/persons/{id:long}", async (long id, HttpContext http, PersonWriter writer) =>
        {
            var caller = ApiCaller.From(http);
            var (body, error) = await JsonInput.ReadObjectAsync(http.Request);
            return body is null ? PipedriveResponses.BadRequest(error!) : Answer(writer.Update(caller.CompanyId, id, body, caller.UserId, "api"));
        }).WithMetadata(new TokenCost(5));
        v2.MapDelete("/persons/{id:long}", (long id, HttpContext http, PersonWriter writer) =>
        {
            var caller = ApiCaller.From(http);
            return Answer(writer.Delete(caller.CompanyId, id, caller.UserId, "api"));
        }).WithMetadata(new TokenCost(3));
    }

    public static IResult Answer(WriteResult result) => result.Failed
        ? result.Status == StatusCodes.Status404NotFound ? PipedriveResponses.NotFound() : PipedriveResponses.Error(result.Status, result.Error!)
        : PipedriveResponses.Ok(result.Data);

    public static string EncodeCursor(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes("o:" + offset.ToString(CultureInfo.InvariantCulture)));

    public static int DecodeCursor(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return 0;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith("o:", StringComparison.Ordinal) && int.TryParse(text[2..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset) ? offset : -1;
        }
        catch (FormatException)
        {
            return -1;
        }
    }

    private static IResult List(
        HttpContext http,
        PipedriveStore store,
        string? updated_since,
        string? updated_until,
        long? owner_id,
        long? org_id,
        string? ids,
        string? sort_by,
        string? sort_direction,
        int? limit,
        string? cursor)
    {
        var caller = ApiCaller.From(http);
        var offset = DecodeCursor(cursor);
        if (offset < 0)
        {
            return PipedriveResponses.BadRequest("Invalid cursor.");
        }

        if (limit is < 1 or > 500)
        {
            return PipedriveResponses.BadRequest("Limit must be between 1 and 500.");
        }

        DateTimeOffset? since = null;
        DateTimeOffset? until = null;
        if (updated_since is not null)
        {
            if (!DateTimeOffset.TryParse(updated_since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return PipedriveResponses.BadRequest("updated_since must be RFC 3339.");
            }

            since = parsed;
        }

        if (updated_until is not null)
        {
            if (!DateTimeOffset.TryParse(updated_until, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return PipedriveResponses.BadRequest("updated_until must be RFC 3339.");
            }

            until = parsed;
        }

        var idFilter = ids?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(i => long.TryParse(i, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : -1).ToHashSet();
        lock (store.Gate)
        {
            // update_time is compared at the wire's precision (seconds), as a client sends it back.
            var matching = store.Persons.Where(p => p.CompanyId == caller.CompanyId && !p.IsDeleted)
                .Where(p => since is null || Seconds(p.UpdateTime) >= since)
                .Where(p => until is null || Seconds(p.UpdateTime) < until)
                .Where(p => owner_id is null || p.OwnerId == owner_id)
                .Where(p => org_id is null || p.OrgId == org_id)
                .Where(p => idFilter is null || idFilter.Contains(p.Id));
            Func<Person, object> key = sort_by switch
            {
                "update_time" => p => p.UpdateTime,
                "add_time" => p => p.AddTime,
                _ => p => p.Id,
            };
            var sorted = (sort_direction == "desc" ? matching.OrderByDescending(key) : matching.OrderBy(key)).ThenBy(p => p.Id).ToList();
            var size = limit ?? 100;
            var page = sorted.Skip(offset).Take(size).ToList();
            var next = offset + page.Count < sorted.Count ? EncodeCursor(offset + page.Count) : null;
            var fields = store.CustomFieldsOf(caller.CompanyId).ToList();
            return PipedriveResponses.Ok(new JsonArray([.. page.Select(p => (JsonNode)EntityJson.PersonV2(p, fields))]), new JsonObject { ["next_cursor"] = next });
        }
    }

    private static IResult Search(HttpContext http, PipedriveStore store, string? term, string? fields, bool? exact_match, int? limit, string? cursor)
    {
        var caller = ApiCaller.From(http);
        var exact = exact_match == true;
        if (string.IsNullOrWhiteSpace(term) || term.Length < (exact ? 1 : 2))
        {
            return PipedriveResponses.BadRequest("The search term must be at least 2 characters (1 with exact_match).");
        }

        var offset = DecodeCursor(cursor);
        if (offset < 0)
        {
            return PipedriveResponses.BadRequest("Invalid cursor.");
        }

        var searchIn = (fields ?? "name,email,phone").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        bool Hit(string? value) => value is not null && (exact
            ? string.Equals(value, term, StringComparison.OrdinalIgnoreCase)
            : value.Contains(term, StringComparison.OrdinalIgnoreCase));

        lock (store.Gate)
        {
            var hits = store.Persons.Where(p => p.CompanyId == caller.CompanyId && !p.IsDeleted)
                .Where(p => (searchIn.Contains("email") && p.Emails.Any(e => Hit(e.Value)))
                    || (searchIn.Contains("name") && Hit(p.Name))
                    || (searchIn.Contains("phone") && p.Phones.Any(x => Hit(x.Value))))
                .OrderBy(p => p.Id).ToList();
            var size = Math.Clamp(limit ?? 100, 1, 500);
            var page = hits.Skip(offset).Take(size).ToList();
            var next = offset + page.Count < hits.Count ? EncodeCursor(offset + page.Count) : null;
            var items = new JsonArray([.. page.Select(p => (JsonNode)new JsonObject
            {
                ["result_score"] = exact ? 1.0 : 0.5,
                ["item"] = SearchItem(p, store),
            })]);
            return PipedriveResponses.Ok(new JsonObject { ["items"] = items }, new JsonObject { ["next_cursor"] = next });
        }
    }

    private static JsonObject SearchItem(Person person, PipedriveStore store) => new()
    {
        ["id"] = person.Id,
        ["type"] = "person",
        ["name"] = person.Name,
        ["phones"] = new JsonArray([.. person.Phones.Select(p => (JsonNode)p.Value)]),
        ["emails"] = new JsonArray([.. person.Emails.Select(e => (JsonNode)e.Value)]),
        ["visible_to"] = person.VisibleTo,
        ["owner"] = new JsonObject { ["id"] = person.OwnerId },
        ["organization"] = person.OrgId is { } orgId && store.FindOrganization(orgId) is { } org
            ? new JsonObject { ["id"] = org.Id, ["name"] = org.Name }
            : null,
        ["custom_fields"] = new JsonArray(),
        ["notes"] = new JsonArray(),
    };

    private static DateTimeOffset Seconds(DateTimeOffset time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), time.Offset);
}
