using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PipedriveMaileon.Sandbox.Pipedrive.Api;
using PipedriveMaileon.Sandbox.Pipedrive.Model;
using PipedriveMaileon.Sandbox.Pipedrive.Wire;

namespace PipedriveMaileon.Sandbox.Pipedrive.Notes;

/// <summary>
/// <c>/v1/notes</c> (v1.yaml, tag Notes; notes have no v2 API): list (filters, <c>start</c>/<c>limit</c> pagination,
/// <c>sort</c>, <c>updated_since</c>), get, add, update and delete, with the spec's token costs and scopes
/// (contacts or deals, read to list, full to write). A note belongs to at least one person, deal or organization.
/// </summary>
public static class NoteEndpoints
{
    private static readonly RequiredScopes Read = new("deals:read", "deals:full", "contacts:read", "contacts:full");
    private static readonly RequiredScopes Write = new("deals:full", "contacts:full");

    public static void MapV1(RouteGroupBuilder v1)
    {
        v1.MapGet("/notes", List).WithMetadata(new TokenCost(20), Read);
        v1.MapGet("/notes/{id:long}", (long id, HttpContext http, PipedriveStore store) => WithNote(http, store, id, (note, caller) =>
            PipedriveResponses.Ok(Json(note, store, caller.UserId)))).WithMetadata(new TokenCost(2), Read);
        v1.MapPost("/notes", async (HttpContext http, PipedriveStore store) =>
        {
            var caller = ApiCaller.From(http);
            var (body, error) = await JsonInput.ReadObjectAsync(http.Request);
            if (body is null)
            {
                return PipedriveResponses.BadRequest(error!);
            }

            lock (store.Gate)
            {
                var note = new Note { CompanyId = caller.CompanyId, UserId = caller.UserId, LastUpdateUserId = caller.UserId };
                var problem = JsonInput.String(body["content"]) is not { Length: > 0 } ? "Content is required." : Apply(note, body, store);
                problem ??= note.PersonId is null && note.DealId is null && note.OrgId is null ? "The note must be attached to a person, deal or organization." : null;
                return problem is null ? PipedriveResponses.Ok(Json(store.AddNote(note), store, caller.UserId)) : PipedriveResponses.BadRequest(problem);
            }
        }).WithMetadata(new TokenCost(10), Write);
        v1.MapPut("/notes/{id:long}", async (long id, HttpContext http, PipedriveStore store) =>
        {
            var (body, error) = await JsonInput.ReadObjectAsync(http.Request);
            return body is null ? PipedriveResponses.BadRequest(error!) : WithNote(http, store, id, (note, caller) =>
            {
                var updated = new Note
                {
                    Id = note.Id, CompanyId = note.CompanyId, UserId = note.UserId, Content = note.Content, PersonId = note.PersonId, DealId = note.DealId,
                    OrgId = note.OrgId, PinnedToPerson = note.PinnedToPerson, PinnedToDeal = note.PinnedToDeal, PinnedToOrganization = note.PinnedToOrganization,
                };
                var problem = body.ContainsKey("content") && JsonInput.String(body["content"]) is not { Length: > 0 } ? "Content must not be empty." : Apply(updated, body, store);
                if (problem is not null)
                {
                    return PipedriveResponses.BadRequest(problem);
                }

                (note.Content, note.PersonId, note.DealId, note.OrgId) = (updated.Content, updated.PersonId, updated.DealId, updated.OrgId);
                (note.PinnedToPerson, note.PinnedToDeal, note.PinnedToOrganization) = (updated.PinnedToPerson, updated.PinnedToDeal, updated.PinnedToOrganization);
                (note.LastUpdateUserId, note.UpdateTime) = (caller.UserId, store.Now);
                return PipedriveResponses.Ok(Json(note, store, caller.UserId));
            });
        }).WithMetadata(new TokenCost(10), Write);
        v1.MapDelete("/notes/{id:long}", (long id, HttpContext http, PipedriveStore store) => WithNote(http, store, id, (note, _) =>
        {
            store.RemoveNote(note.Id);
            return PipedriveResponses.Ok(JsonValue.Create(true));
        })).WithMetadata(new TokenCost(6), Write);
    }

    /// <summary>The v1 note (v1.yaml <c>NoteResponse</c>): v1 timestamps, the related entities' names, the author.</summary>
    public static JsonObject Json(Note note, PipedriveStore store, long viewerId)
    {
        var author = store.FindUser(note.UserId);
        return new JsonObject
        {
            ["id"] = note.Id,
            ["active_flag"] = true,
            ["add_time"] = PipedriveTime.V1(note.AddTime),
            ["content"] = note.Content,
            ["deal"] = note.DealId is { } dealId && store.FindDeal(dealId) is { } deal ? new JsonObject { ["title"] = deal.Title } : null,
            ["lead_id"] = null,
            ["deal_id"] = note.DealId,
            ["last_update_user_id"] = note.LastUpdateUserId,
            ["org_id"] = note.OrgId,
            ["organization"] = note.OrgId is { } orgId && store.FindOrganization(orgId) is { } org ? new JsonObject { ["name"] = org.Name } : null,
            ["person"] = note.PersonId is { } personId && store.FindPerson(personId) is { } person ? new JsonObject { ["name"] = person.Name } : null,
            ["person_id"] = note.PersonId,
            ["project_id"] = null,
            ["project"] = null,
            ["task_id"] = null,
            ["task"] = null,
            ["pinned_to_deal_flag"] = note.PinnedToDeal,
            ["pinned_to_organization_flag"] = note.PinnedToOrganization,
            ["pinned_to_person_flag"] = note.PinnedToPerson,
            ["pinned_to_project_flag"] = false,
            ["pinned_to_task_flag"] = false,
            ["update_time"] = PipedriveTime.V1(note.UpdateTime),
            ["user"] = new JsonObject { ["email"] = author?.Email, ["icon_url"] = null, ["is_you"] = note.UserId == viewerId, ["name"] = author?.Name },
            ["user_id"] = note.UserId,
        };
    }

    private static IResult List(HttpContext http, PipedriveStore store, long? person_id, long? deal_id, long? org_id, long? user_id,
        int? start, int? limit, string? sort, string? updated_since)
    {
        var caller = ApiCaller.From(http);
        DateTimeOffset? since = null;
        if (updated_since is not null)
        {
            if (!DateTimeOffset.TryParseExact(updated_since, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return PipedriveResponses.BadRequest("updated_since must be formatted YYYY-MM-DD HH:MM:SS.");
            }

            since = parsed;
        }

        var sortParts = (sort ?? "id ASC").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (start is < 0 || limit is < 1 or > 500 || sortParts.Length is < 1 or > 2 || sortParts[0] is not ("id" or "add_time" or "update_time"
            or "content" or "user_id" or "deal_id" or "person_id" or "org_id"))
        {
            return PipedriveResponses.BadRequest("Invalid start, limit (1..500) or sort (field ASC|DESC).");
        }

        lock (store.Gate)
        {
            var matching = store.Notes.Where(n => n.CompanyId == caller.CompanyId)
                .Where(n => (person_id is null || n.PersonId == person_id) && (deal_id is null || n.DealId == deal_id))
                .Where(n => (org_id is null || n.OrgId == org_id) && (user_id is null || n.UserId == user_id))
                .Where(n => since is null || n.UpdateTime >= since);
            Func<Note, object> key = sortParts[0] switch
            {
                "add_time" => n => n.AddTime,
                "update_time" => n => n.UpdateTime,
                "content" => n => n.Content,
                _ => n => n.Id,
            };
            var descending = sortParts.Length == 2 && sortParts[1].Equals("DESC", StringComparison.OrdinalIgnoreCase);
            var sorted = (descending ? matching.OrderByDescending(key) : matching.OrderBy(key)).ThenBy(n => n.Id).ToList();
            var (first, size) = (start ?? 0, limit ?? 100);
            var page = sorted.Skip(first).Take(size).ToList();
            var more = first + page.Count < sorted.Count;
            var pagination = new JsonObject { ["start"] = first, ["limit"] = size, ["more_items_in_collection"] = more };
            if (more)
            {
                pagination["next_start"] = first + page.Count;
            }

            return PipedriveResponses.Ok(new JsonArray([.. page.Select(n => (JsonNode)Json(n, store, caller.UserId))]), new JsonObject { ["pagination"] = pagination });
        }
    }

    private static IResult WithNote(HttpContext http, PipedriveStore store, long id, Func<Note, ApiCaller, IResult> action)
    {
        var caller = ApiCaller.From(http);
        lock (store.Gate)
        {
            return store.FindNote(id) is { } note && note.CompanyId == caller.CompanyId ? action(note, caller) : PipedriveResponses.NotFound();
        }
    }

    private static string? Apply(Note note, JsonObject body, PipedriveStore store)
    {
        foreach (var (key, value) in body)
        {
            switch (key)
            {
                case "content":
                    note.Content = JsonInput.String(value) ?? note.Content;
                    break;
                case "person_id":
                    if (Reference(value, id => store.FindPerson(id) is { IsDeleted: false } p && p.CompanyId == note.CompanyId, out var person) is { } badPerson)
                    {
                        return $"Person with id {badPerson} not found.";
                    }

                    note.PersonId = person;
                    break;
                case "deal_id":
                    if (Reference(value, id => store.FindDeal(id) is { IsDeleted: false } d && d.CompanyId == note.CompanyId, out var deal) is { } badDeal)
                    {
                        return $"Deal with id {badDeal} not found.";
                    }

                    note.DealId = deal;
                    break;
                case "org_id":
                    if (Reference(value, id => store.FindOrganization(id)?.CompanyId == note.CompanyId, out var org) is { } badOrg)
                    {
                        return $"Organization with id {badOrg} not found.";
                    }

                    note.OrgId = org;
                    break;
                case "pinned_to_person_flag":
                    note.PinnedToPerson = Pinned(value);
                    break;
                case "pinned_to_deal_flag":
                    note.PinnedToDeal = Pinned(value);
                    break;
                case "pinned_to_organization_flag":
                    note.PinnedToOrganization = Pinned(value);
                    break;
            }
        }

        return null;
    }

    /// <summary>Null when the value is null or names an existing entity; else the text of the bad value.</summary>
    private static string? Reference(JsonNode? value, Func<long, bool> exists, out long? id)
    {
        id = JsonInput.Int64(value);
        if (JsonInput.IsNull(value) || (id is { } given && exists(given)))
        {
            return null;
        }

        return value?.ToJsonString() ?? "null";
    }

    /// <summary>The spec documents the flags as 0/1; booleans are read too.</summary>
    private static bool Pinned(JsonNode? value) =>
        value is JsonValue flag && (flag.GetValueKind() == JsonValueKind.True || JsonInput.Int64(flag) == 1);
}
