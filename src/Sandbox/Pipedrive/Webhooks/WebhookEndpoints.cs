using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PipedriveMaileon.Sandbox.Pipedrive.Api;
using PipedriveMaileon.Sandbox.Pipedrive.Model;
using PipedriveMaileon.Sandbox.Pipedrive.Wire;

namespace PipedriveMaileon.Sandbox.Pipedrive.Webhooks;

/// <summary>
/// <c>/v1/webhooks</c>: list (the app's webhooks of the company), create (validation 400s, 40 per user → 422) and
/// delete (404 with <c>errors.id</c>). There is no single-webhook GET, as in Pipedrive.
/// </summary>
public static class WebhookEndpoints
{
    private static readonly HashSet<string> Actions = ["create", "change", "delete", "*", "added", "updated", "deleted", "merged"];

    private static readonly HashSet<string> Objects =
        ["activity", "deal", "lead", "note", "organization", "person", "pipeline", "product", "stage", "user", "*"];

    public static void MapV1(RouteGroupBuilder v1)
    {
        v1.MapGet("/webhooks", (HttpContext http, PipedriveStore store) =>
        {
            var caller = ApiCaller.From(http);
            lock (store.Gate)
            {
                var list = store.Webhooks.Where(w => w.CompanyId == caller.CompanyId && w.Type == "application").OrderBy(w => w.Id);
                return PipedriveResponses.WebhookOk(new JsonArray([.. list.Select(w => (JsonNode)WebhookJson.Describe(w, store.Now, false))]));
            }
        }).WithMetadata(new TokenCost(10));

        v1.MapPost("/webhooks", Create).WithMetadata(new TokenCost(10));

        v1.MapDelete("/webhooks/{id:long}", (long id, HttpContext http, PipedriveStore store) =>
        {
            var caller = ApiCaller.From(http);
            lock (store.Gate)
            {
                if (store.FindWebhook(id) is not { } webhook || webhook.CompanyId != caller.CompanyId)
                {
                    return PipedriveResponses.FieldErrors(StatusCodes.Status404NotFound, "id", "not found");
                }

                if (webhook.Type != "application")
                {
                    return PipedriveResponses.Json(new JsonObject { ["success"] = false, ["message"] = "Forbidden" }, StatusCodes.Status403Forbidden);
                }

                store.RemoveWebhook(id);
                return PipedriveResponses.WebhookOk(null);
            }
        }).WithMetadata(new TokenCost(6));
    }

    private static async Task<IResult> Create(HttpContext http, PipedriveStore store, IOptions<PipedriveEmulatorOptions> options)
    {
        var caller = ApiCaller.From(http);
        var (body, error) = await JsonInput.ReadObjectAsync(http.Request);
        if (body is null)
        {
            return PipedriveResponses.FieldErrors(StatusCodes.Status400BadRequest, "body", error!);
        }

        var url = JsonInput.String(body["subscription_url"]);
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.Host.EndsWith("pipedrive.com", StringComparison.OrdinalIgnoreCase))
        {
            return PipedriveResponses.FieldErrors(StatusCodes.Status400BadRequest, "subscription_url", "invalid or non-reachable URL");
        }

        var action = JsonInput.String(body["event_action"]);
        if (action is null || !Actions.Contains(action))
        {
            return PipedriveResponses.FieldErrors(StatusCodes.Status400BadRequest, "event_action", "invalid value");
        }

        var entity = JsonInput.String(body["event_object"]);
        if (entity is null || !Objects.Contains(entity))
        {
            return PipedriveResponses.FieldErrors(StatusCodes.Status400BadRequest, "event_object", "invalid value");
        }

        var name = JsonInput.String(body["name"]);
        if (string.IsNullOrWhiteSpace(name) || name.Length > 255)
        {
            return PipedriveResponses.FieldErrors(StatusCodes.Status400BadRequest, "name", "required, at most 255 characters");
        }

        var version = JsonInput.IsNull(body["version"]) ? "2.0" : JsonInput.String(body["version"]);
        if (version is not ("1.0" or "2.0"))
        {
            return PipedriveResponses.FieldErrors(StatusCodes.Status400BadRequest, "version", "must be 1.0 or 2.0");
        }

        lock (store.Gate)
        {
            var userId = JsonInput.IsNull(body["user_id"]) ? caller.UserId : JsonInput.Int64(body["user_id"]) ?? -1;
            if (store.FindUser(userId) is not { } user || user.CompanyId != caller.CompanyId)
            {
                return PipedriveResponses.FieldErrors(StatusCodes.Status400BadRequest, "user_id", "invalid user");
            }

            if (store.Webhooks.Count(w => w.CompanyId == caller.CompanyId && w.UserId == userId) >= options.Value.WebhooksPerUser)
            {
                return PipedriveResponses.Json(new JsonObject
                {
                    ["status"] = "error",
                    ["success"] = false,
                    ["error"] = "Webhooks limit reached",
                    ["errors"] = new JsonObject { ["subscription_url"] = new JsonArray("Webhooks limit reached for this user") },
                }, StatusCodes.Status422UnprocessableEntity);
            }

            var webhook = store.AddWebhook(new Webhook
            {
                CompanyId = caller.CompanyId,
                OwnerId = caller.UserId,
                UserId = userId,
                EventAction = action,
                EventObject = entity,
                SubscriptionUrl = url,
                Version = version,
                Name = name,
                Type = "application",
                HttpAuthUser = JsonInput.String(body["http_auth_user"]),
                HttpAuthPassword = JsonInput.String(body["http_auth_password"]),
            });
            return PipedriveResponses.WebhookOk(WebhookJson.Describe(webhook, store.Now, false), StatusCodes.Status201Created);
        }
    }
}
