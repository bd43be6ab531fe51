using System.Text.Json;
using System.Text.Json.Nodes;
using PipedriveMaileon.Sandbox.Maileon.Accounts;
using PipedriveMaileon.Sandbox.Maileon.Contacts;
using PipedriveMaileon.Sandbox.Maileon.Wire;

namespace PipedriveMaileon.Sandbox.Maileon.Webhooks;

/// <summary>The webhook management resources (JSON bodies): create, list, get, update, delete.</summary>
public static class WebhookEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        // POST /webhooks (also webhooks/, the PHP client's path) → 201 <id>1915</id> in application/vnd.maileon.api+xml,
        // whatever the Accept header (docs: "Create Webhook" — Response: Status 201 Created, <id>1915</id>; PHP
        // WebhooksService::createWebhook sends Accept: application/json and reads the id through the XML deserializer).
        api.MapPost("/webhooks", Create);

        // GET /webhooks → 200 application/json [{id, newsletterAccountId, url, event, urlParams, customFields,
        // standardFields, eventFields}], [] when none (docs: "Get Webhooks"; PHP getWebhooks → Webhook::fromArray).
        api.MapGet("/webhooks", List);

        // GET /webhooks/{id} → 200 application/json, the list item's object | 404 <error> (PHP getWebhook → Webhook).
        api.MapGet("/webhooks/{id:long}", Get);

        // PUT /webhooks/{id}, body as create → 200 (docs: "Update Webhook"); DELETE /webhooks/{id} → 204 | 404.
        api.MapPut("/webhooks/{id:long}", Update);
        api.MapDelete("/webhooks/{id:long}", Delete);
    }

    public static JsonObject Describe(Webhook webhook) => new()
    {
        ["id"] = webhook.Id,
        ["newsletterAccountId"] = webhook.AccountId,
        ["url"] = webhook.Url,
        ["event"] = webhook.Event,
        ["urlParams"] = new JsonArray([.. webhook.UrlParams.Select(p => (JsonNode)new JsonObject
        {
            ["custom_contact_field"] = p.CustomContactField,
            ["standard_contact_field"] = p.StandardContactField,
            ["custom_value"] = p.CustomValue,
            ["name"] = p.Name,
        })]),
        ["customFields"] = new JsonArray([.. webhook.CustomFields.Select(f => (JsonNode)f)]),
        ["standardFields"] = new JsonArray([.. webhook.StandardFields.Select(f => (JsonNode)f)]),
        ["eventFields"] = new JsonArray([.. webhook.EventFields.Select(f => (JsonNode)f)]),
    };

    private static async Task<IResult> Create(HttpContext http, MaileonStore store)
    {
        var (webhook, failure) = await ReadAsync(http, store);
        if (failure is not null)
        {
            return failure;
        }

        lock (store.Gate)
        {
            var account = store.FindAccount(AuthenticatedAccount.From(http).AccountId)!;
            webhook!.Id = store.NextWebhookId();
            webhook.AccountId = account.Id;
            account.Webhooks[webhook.Id] = webhook;
        }

        return MaileonResponses.Id(webhook.Id);
    }

    private static IResult List(HttpContext http, MaileonStore store)
    {
        lock (store.Gate)
        {
            var account = store.FindAccount(AuthenticatedAccount.From(http).AccountId)!;
            return MaileonResponses.JsonBody(new JsonArray([.. account.Webhooks.Values.OrderBy(w => w.Id).Select(w => (JsonNode)Describe(w))]));
        }
    }

    private static IResult Get(HttpContext http, long id, MaileonStore store)
    {
        lock (store.Gate)
        {
            var account = store.FindAccount(AuthenticatedAccount.From(http).AccountId)!;
            return account.Webhooks.TryGetValue(id, out var webhook)
                ? MaileonResponses.JsonBody(Describe(webhook))
                : MaileonResponses.NotFound($"Webhook with id {id} not found.");
        }
    }

    private static async Task<IResult> Update(HttpContext http, long id, MaileonStore store)
    {
        var (webhook, failure) = await ReadAsync(http, store);
        if (failure is not null)
        {
            return failure;
        }

        lock (store.Gate)
        {
            var account = store.FindAccount(AuthenticatedAccount.From(http).AccountId)!;
            if (!account.Webhooks.ContainsKey(id))
            {
                return MaileonResponses.NotFound($"Webhook with id {id} not found.");
            }

            webhook!.Id = id;
            webhook.AccountId = account.Id;
            account.Webhooks[id] = webhook;
            return Results.Ok();
        }
    }

    private static IResult Delete(HttpContext http, long id, MaileonStore store)
    {
        lock (store.Gate)
        {
            var account = store.FindAccount(AuthenticatedAccount.From(http).AccountId)!;
            return account.Webhooks.Remove(id) ? Results.NoContent() : MaileonResponses.NotFound($"Webhook with id {id} not found.");
        }
    }

    private static async Task<(Webhook? Webhook, IResult? Failure)> ReadAsync(HttpContext http, MaileonStore store)
    {
        if (ContactBodyParser.MediaType(http.Request.ContentType) is not "application/json")
        {
            return (null, MaileonResponses.UnsupportedMediaType(http.Request.ContentType, "application/json"));
        }

        JsonObject root;
        try
        {
            root = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject
                ?? throw new JsonException("a JSON object is expected");
        }
        catch (JsonException exception)
        {
            return (null, MaileonResponses.BadRequest($"The webhook JSON is malformed: {exception.Message}"));
        }

        var error = Parse(root, store.Behaviour.RequireHttpsWebhookUrls, out var webhook);
        return error is null ? (webhook, null) : (null, MaileonResponses.BadRequest(error));
    }

    private static string? Parse(JsonObject root, bool requireHttps, out Webhook webhook)
    {
        webhook = new Webhook();
        var url = Text(root["url"]);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return $"Invalid webhook url '{url}': an absolute http(s) URL is required.";
        }

        if (requireHttps && uri.Scheme != Uri.UriSchemeHttps)
        {
            return $"Invalid webhook url '{url}': only HTTPS URLs are allowed.";
        }

        webhook.Url = url!;
        var eventName = Text(root["event"]);
        if (eventName is null || !WebhookEvents.All.Contains(eventName, StringComparer.Ordinal))
        {
            return $"Invalid webhook event '{eventName}': use one of {string.Join(", ", WebhookEvents.All)}.";
        }

        webhook.Event = eventName;
        var spec = root["bodySpec"] as JsonObject ?? root;
        foreach (var (name, target) in new[] { ("standardFields", webhook.StandardFields), ("customFields", webhook.CustomFields), ("eventFields", webhook.EventFields) })
        {
            var node = spec[name];
            if (node is null)
            {
                continue;
            }

            if (node is not JsonArray array || array.Any(item => item?.GetValueKind() != JsonValueKind.String))
            {
                return $"{name} must be an array of field names.";
            }

            target.AddRange(array.Select(item => item!.GetValue<string>()));
        }

        if (webhook.StandardFields.FirstOrDefault(f => !WebhookEvents.IsContactField(f)) is { } unknownStandard)
        {
            return $"Unknown standard field in standardFields: {unknownStandard}";
        }

        if (webhook.EventFields.FirstOrDefault(f => !WebhookEvents.EventFields.Contains(f, StringComparer.Ordinal)) is { } unknownEvent)
        {
            return $"Unknown event field in eventFields: {unknownEvent} (known: {string.Join(", ", WebhookEvents.EventFields)}).";
        }

        if (root["urlParams"] is { } parameters)
        {
            if (parameters is not JsonArray list)
            {
                return "urlParams must be an array.";
            }

            foreach (var item in list)
            {
                if (item is not JsonObject parameter || Text(parameter["name"]) is not { Length: > 0 } name)
                {
                    return "Every entry of urlParams needs a name.";
                }

                var param = new WebhookUrlParam
                {
                    Name = name,
                    StandardContactField = Text(parameter["standard_contact_field"]),
                    CustomContactField = Text(parameter["custom_contact_field"]),
                    CustomValue = Text(parameter["custom_value"]),
                };
                var sources = new[] { param.StandardContactField, param.CustomContactField, param.CustomValue }.Count(v => v is not null);
                if (sources != 1)
                {
                    return $"urlParams entry {name} must set exactly one of standard_contact_field, custom_contact_field and custom_value.";
                }

                if (param.StandardContactField is { } field && !WebhookEvents.IsContactField(field))
                {
                    return $"Unknown standard_contact_field {field} in urlParams entry {name}.";
                }

                webhook.UrlParams.Add(param);
            }
        }

        return null;
    }

    private static string? Text(JsonNode? node) =>
        node is not null && node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
}
