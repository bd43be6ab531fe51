using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PipedriveMaileon.Sandbox.Pipedrive.Api;
using PipedriveMaileon.Sandbox.Pipedrive.Wire;

namespace PipedriveMaileon.Sandbox.Pipedrive.Fields;

/// <summary>
/// Person fields: v1 list (<c>start</c>/<c>limit</c>), get, create (enum/set options get numeric ids, custom fields a
/// 40-hex key) and delete; v2 list (cursor), get by <c>field_code</c> and add options (<c>POST …/{field_code}/options</c>).
/// </summary>
public static class PersonFieldEndpoints
{
    private static readonly HashSet<string> FieldTypes =
    [
        "address", "date", "daterange", "double", "enum", "monetary", "org", "people", "phone", "set", "text", "time", "timerange",
        "user", "varchar", "varchar_auto", "visible_to",
    ];

    public static void MapV1(RouteGroupBuilder v1)
    {
        v1.MapGet("/personFields", (int? start, int? limit, HttpContext http, PipedriveStore store) =>
        {
            var caller = ApiCaller.From(http);
            var from = Math.Max(0, start ?? 0);
            var size = Math.Clamp(limit ?? 100, 1, 500);
            lock (store.Gate)
            {
                var all = store.FieldsOf(caller.CompanyId).ToList();
                var page = all.Skip(from).Take(size).ToList();
                var more = from + page.Count < all.Count;
                var pagination = new JsonObject { ["start"] = from, ["limit"] = size, ["more_items_in_collection"] = more };
                if (more)
                {
                    pagination["next_start"] = from + page.Count;
                }

                return PipedriveResponses.Ok(new JsonArray([.. page.Select(f => (JsonNode)FieldJson.V1(f))]), new JsonObject { ["pagination"] = pagination });
            }
        }).WithMetadata(new TokenCost(20));

        v1.MapGet("/personFields/{id:long}", (long id, HttpContext http, PipedriveStore store) =>
        {
            var caller = ApiCaller.From(http);
            lock (store.Gate)
            {
                return store.FindField(id) is { } field && field.CompanyId == caller.CompanyId
                    ? PipedriveResponses.Ok(FieldJson.V1(field))
                    : PipedriveResponses.Error(StatusCodes.Status404NotFound, "Field not found");
            }
        }).WithMetadata(new TokenCost(2));

        v1.MapPost("/personFields", async (HttpContext http, PipedriveStore store) =>
        {
            var caller = ApiCaller.From(http);
            var (body, error) = await JsonInput.ReadObjectAsync(http.Request);
            if (body is null)
            {
                return PipedriveResponses.BadRequest(error!);
            }

            var name = JsonInput.String(body["name"]);
            var type = JsonInput.String(body["field_type"]);
            if (string.IsNullOrWhiteSpace(name) || type is null || !FieldTypes.Contains(type))
            {
                return PipedriveResponses.BadRequest("Fields name and field_type (one of the documented types) are required.");
            }

            var labels = (body["options"] as JsonArray)?.Select(o => o is JsonObject option ? JsonInput.String(option["label"]) : JsonInput.String(o)).ToList() ?? [];
            if (type is "enum" or "set" && (labels.Count == 0 || labels.Any(string.IsNullOrWhiteSpace)))
            {
                return PipedriveResponses.BadRequest("Options with labels are required for enum and set fields.");
            }

            lock (store.Gate)
            {
                var field = store.NewField(caller.CompanyId, null, name, type, caller.UserId, type is "enum" or "set" ? labels.OfType<string>() : null);
                if (body["add_visible_flag"] is JsonValue visible && visible.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
                {
                    field.AddVisibleFlag = visible.GetValue<bool>();
                }

                return PipedriveResponses.Ok(FieldJson.V1(field));
            }
        }).WithMetadata(new TokenCost(10));

        v1.MapDelete("/personFields/{id:long}", (long id, HttpContext http, PipedriveStore store) =>
        {
            var caller = ApiCaller.From(http);
            lock (store.Gate)
            {
                if (store.FindField(id) is not { } field || field.CompanyId != caller.CompanyId)
                {
                    return PipedriveResponses.Error(StatusCodes.Status404NotFound, "Field not found");
                }

                if (!field.IsCustom)
                {
                    return PipedriveResponses.BadRequest("System fields cannot be deleted.");
                }

                store.RemoveField(id);
                return PipedriveResponses.Ok(new JsonObject { ["id"] = id });
            }
        }).WithMetadata(new TokenCost(6));
    }

    public static void MapV2(RouteGroupBuilder v2)
    {
        v2.MapGet("/personFields", (string? cursor, int? limit, HttpContext http, PipedriveStore store) =>
        {
            var caller = ApiCaller.From(http);
            var from = int.TryParse(cursor, NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset) ? Math.Max(0, offset) : 0;
            var size = Math.Clamp(limit ?? 100, 1, 500);
            lock (store.Gate)
            {
                var all = store.FieldsOf(caller.CompanyId).ToList();
                var page = all.Skip(from).Take(size).ToList();
                var next = from + page.Count < all.Count ? (from + page.Count).ToString(CultureInfo.InvariantCulture) : null;
                return PipedriveResponses.Ok(new JsonArray([.. page.Select(f => (JsonNode)FieldJson.V2(f))]), new JsonObject { ["next_cursor"] = next });
            }
        }).WithMetadata(new TokenCost(10));

        v2.MapGet("/personFields/{fieldCode}", (string fieldCode, HttpContext http, PipedriveStore store) =>
        {
            var caller = ApiCaller.From(http);
            lock (store.Gate)
            {
                return store.FieldsOf(caller.CompanyId).FirstOrDefault(f => f.Key == fieldCode) is { } field
                    ? PipedriveResponses.Ok(FieldJson.V2(field))
                    : PipedriveResponses.NotFound();
            }
        }).WithMetadata(new TokenCost(1));

        v2.MapPost("/personFields/{fieldCode}/options", async (string fieldCode, HttpContext http, PipedriveStore store) =>
        {
            var caller = ApiCaller.From(http);
            var labels = await OptionLabelsAsync(http.Request);
            if (labels is null)
            {
                return PipedriveResponses.BadRequest("An array of options, each with a label of 1 to 255 characters, is required.");
            }

            lock (store.Gate)
            {
                if (store.FieldsOf(caller.CompanyId).FirstOrDefault(f => f.Key == fieldCode) is not { } field)
                {
                    return PipedriveResponses.NotFound();
                }

                if (!field.HasOptions)
                {
                    return PipedriveResponses.BadRequest("Only enum and set fields have options.");
                }

                var added = labels.Select(label => store.AddFieldOption(field, label)).ToList();
                return PipedriveResponses.Ok(new JsonArray([.. added.Select(o => (JsonNode)new JsonObject { ["id"] = o.Id, ["label"] = o.Label })]), null);
            }
        }).WithMetadata(new TokenCost(5));
    }

    /// <summary>The labels of an add-options body (a non-empty array of <c>{"label": …}</c>), or null when it is not one.</summary>
    private static async Task<List<string>?> OptionLabelsAsync(HttpRequest request)
    {
        JsonNode? body;
        try
        {
            body = request.HasFormContentType ? null : await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }

        var labels = (body as JsonArray)?.Select(o => o is JsonObject option ? JsonInput.String(option["label"]) : null).ToList();
        return labels is { Count: > 0 } && labels.All(l => l is { Length: >= 1 and <= 255 }) ? labels.OfType<string>().ToList() : null;
    }
}
