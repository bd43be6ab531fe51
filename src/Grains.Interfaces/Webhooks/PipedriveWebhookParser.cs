using System.Globalization;
using System.Text.Json;
using static PipedriveMaileon.Grains.Interfaces.Webhooks.PipedriveWebhookMeta;

namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

/// <summary>
/// Parses a Pipedrive webhook body, v2 (<c>meta.version</c> "2.0": string ids in <c>meta</c>, <c>data</c>/<c>previous</c>,
/// typed custom fields) or v1 (<c>v: 1</c>: numeric ids, <c>current</c>/<c>previous</c> full objects, root-level custom
/// field keys), into a <see cref="PersonEvent"/> or <see cref="DealEvent"/>. Never throws: bad input of any kind
/// comes back as <see cref="WebhookParseStatus.Rejected"/> with the reason; webhooks about objects or actions the app
/// does not synchronise come back as <see cref="WebhookParseStatus.Ignored"/> (after the company check).
/// </summary>
public static class PipedriveWebhookParser
{
    public static PipedriveWebhookParseResult Parse(ReadOnlySpan<byte> body, long routeCompanyId)
    {
        using var document = WebhookJsonLoader.Load(body, out var reason);
        if (document is null)
        {
            return PipedriveWebhookParseResult.Rejected(reason);
        }

        try
        {
            return Interpret(document.RootElement, routeCompanyId);
        }
        catch (WebhookFormatException ex)
        {
            return PipedriveWebhookParseResult.Rejected(ex.Message);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            // The readers check kinds before reading, so this is a gap in them; still an answer, not a crash.
            return PipedriveWebhookParseResult.Rejected($"The webhook could not be read ({ex.GetType().Name}).");
        }
    }

    private static PipedriveWebhookParseResult Interpret(JsonElement root, long routeCompanyId)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return PipedriveWebhookParseResult.Rejected($"The body must be a JSON object, not {WebhookJson.KindName(root.ValueKind)}.");
        }

        if (WebhookJson.Get(root, "meta") is not { } meta)
        {
            return PipedriveWebhookParseResult.Rejected("The webhook has no meta object.");
        }

        if (meta.ValueKind != JsonValueKind.Object)
        {
            return PipedriveWebhookParseResult.Rejected($"meta must be an object, not {WebhookJson.KindName(meta.ValueKind)}.");
        }

        return Version(root, meta) == 2 ? ParseV2(root, meta, routeCompanyId) : ParseV1(root, meta, routeCompanyId);
    }

    private static int Version(JsonElement root, JsonElement meta)
    {
        var declared = WebhookJson.Get(meta, "version") ?? WebhookJson.Get(meta, "v") ?? WebhookJson.Get(root, "v");
        if (declared is not { } version)
        {
            throw new WebhookFormatException("The webhook version is missing (neither meta.version nor v).");
        }

        var text = version.ValueKind is JsonValueKind.String or JsonValueKind.Number ? WebhookJson.AsText(version, "version") : null;
        return text switch
        {
            "2.0" or "2" => 2,
            "1.0" or "1" => 1,
            _ => throw new WebhookFormatException($"Unsupported webhook version {WebhookJson.Show(version)}; expected \"2.0\" or 1."),
        };
    }

    private static PipedriveWebhookParseResult ParseV2(JsonElement root, JsonElement meta, long routeCompanyId)
    {
        var action = Token(meta, "action", "meta.action");
        var entityName = Token(meta, "entity", "meta.entity");
        var companyId = CheckCompany(meta, routeCompanyId);
        if (Entity(entityName) is not { } entity)
        {
            return PipedriveWebhookParseResult.Ignored($"Pipedrive {entityName} webhooks are not synchronised.");
        }

        PipedriveAction? kind = action switch
        {
            "create" => PipedriveAction.Create,
            "change" => PipedriveAction.Change,
            "delete" => PipedriveAction.Delete,
            _ => null,
        };
        if (kind is not { } pipedriveAction)
        {
            return PipedriveWebhookParseResult.Ignored($"The action '{action}' on a {entityName} is not handled.");
        }

        var entityId = WebhookJson.RequiredId(meta, "entity_id", "meta.entity_id");
        var eventMeta = new PipedriveEventMeta
        {
            EventId = EventId(meta),
            CompanyId = companyId,
            Entity = entity,
            Action = pipedriveAction,
            EntityId = entityId,
            UserId = WebhookJson.Id(meta, "user_id", "meta.user_id", allowObject: false),
            Timestamp = WebhookTimestamps.Timestamp(meta, "timestamp", "meta.timestamp") ?? throw new WebhookFormatException("meta.timestamp is missing."),
            ChangeSource = WebhookJson.Text(meta, "change_source", "meta.change_source"),
            Attempt = Attempt(WebhookJson.Integer(meta, "attempt", "meta.attempt") ?? 1, "meta.attempt", 1),
            IsBulkEdit = WebhookJson.Flag(meta, "is_bulk_edit", "meta.is_bulk_edit") ?? false,
            MergedToId = WebhookJson.Id(meta, "merged_to_id", "meta.merged_to_id", allowObject: false),
            MergedFromId = WebhookJson.Id(meta, "merged_from_id", "meta.merged_from_id", allowObject: false),
            Version = 2,
            WebhookId = WebhookJson.Id(meta, "webhook_id", "meta.webhook_id", allowObject: false),
        };

        var data = WebhookJson.Object(root, "data", "data");
        var previous = WebhookJson.Object(root, "previous", "previous");
        var current = pipedriveAction == PipedriveAction.Delete ? null : data;
        if (pipedriveAction != PipedriveAction.Delete && current is null)
        {
            throw new WebhookFormatException($"A {action} webhook must carry the object in data.");
        }

        return Build(eventMeta, current, "data", previous, "previous");
    }

    private static PipedriveWebhookParseResult ParseV1(JsonElement root, JsonElement meta, long routeCompanyId)
    {
        // meta.action/object are the documented source; the root "event" ("updated.person") backs them up.
        var eventName = WebhookJson.Get(root, "event") is { ValueKind: JsonValueKind.String } e ? e.GetString()!.Split('.', 2) : [];
        var action = WebhookJson.Has(meta, "action") || eventName.Length != 2 ? Token(meta, "action", "meta.action") : eventName[0];
        var objectName = WebhookJson.Has(meta, "object") || eventName.Length != 2 ? Token(meta, "object", "meta.object") : eventName[1];
        var companyId = CheckCompany(meta, routeCompanyId);
        if (Entity(objectName) is not { } entity)
        {
            return PipedriveWebhookParseResult.Ignored($"Pipedrive {objectName} webhooks are not synchronised.");
        }

        if (V1Action(action) is not { } pipedriveAction)
        {
            return PipedriveWebhookParseResult.Ignored($"The action '{action}' on a {objectName} is not handled.");
        }

        var (current, previous) = V1Objects(root, action, pipedriveAction);

        var entityId = WebhookJson.Id(meta, "id", "meta.id", allowObject: false)
            ?? (current is { } c ? WebhookJson.Id(c, "id", "current.id", allowObject: false) : null)
            ?? (previous is { } p ? WebhookJson.Id(p, "id", "previous.id", allowObject: false) : null)
            ?? throw new WebhookFormatException("meta.id is missing.");

        var (micro, timestamp) = V1Timestamp(meta);
        var webhookId = WebhookJson.Id(meta, "webhook_id", "meta.webhook_id", allowObject: false);

        // v1 has no event id; these parts are the same on every retry of one delivery and differ between events.
        var instant = micro ?? timestamp.ToUnixTimeSeconds();
        var eventId = string.Create(CultureInfo.InvariantCulture, $"v1:{webhookId?.ToString(CultureInfo.InvariantCulture) ?? "-"}:{objectName}:{entityId}:{action}:{instant}");

        var eventMeta = new PipedriveEventMeta
        {
            EventId = eventId,
            CompanyId = companyId,
            Entity = entity,
            Action = pipedriveAction,
            EntityId = entityId,
            UserId = WebhookJson.Id(meta, "user_id", "meta.user_id", allowObject: false),
            Timestamp = timestamp,
            ChangeSource = WebhookJson.Text(meta, "change_source", "meta.change_source"),
            Attempt = Attempt(WebhookJson.Integer(root, "retry", "retry") ?? 0, "retry", 0) + 1,
            IsBulkEdit = WebhookJson.Flag(meta, "is_bulk_update", "meta.is_bulk_update")
                ?? WebhookJson.Flag(meta, "is_bulk_edit", "meta.is_bulk_edit") ?? false,
            MergedToId = WebhookJson.Id(meta, "merged_to_id", "meta.merged_to_id", allowObject: false),
            MergedFromId = WebhookJson.Id(meta, "merged_from_id", "meta.merged_from_id", allowObject: false),
            Version = 1,
            WebhookId = webhookId,
        };

        return Build(eventMeta, current, "current", previous, "previous");
    }

    /// <summary>A v1 event's <c>current</c> (none for a delete; required otherwise) and <c>previous</c>.</summary>
    private static (JsonElement? Current, JsonElement? Previous) V1Objects(JsonElement root, string action, PipedriveAction kind)
    {
        var current = WebhookJson.Object(root, "current", "current");
        var previous = WebhookJson.Object(root, "previous", "previous");
        if (kind == PipedriveAction.Delete)
        {
            return (null, previous);
        }

        return current is null ? throw new WebhookFormatException($"A v1 '{action}' webhook must carry the object in current.") : (current, previous);
    }

    private static PipedriveAction? V1Action(string action) => action switch
    {
        "added" => PipedriveAction.Create,
        "updated" => PipedriveAction.Change,
        "deleted" => PipedriveAction.Delete,
        "merged" => PipedriveAction.Merge,
        _ => null,
    };

    /// <summary>A v1 event's time: <c>timestamp_micro</c> when present (precise enough to tell events apart), else <c>timestamp</c>.</summary>
    private static (long? Micro, DateTimeOffset Timestamp) V1Timestamp(JsonElement meta)
    {
        var micro = WebhookJson.Integer(meta, "timestamp_micro", "meta.timestamp_micro");
        if (micro is < 0 or >= 253_402_300_799_000_000)
        {
            throw new WebhookFormatException("meta.timestamp_micro is out of range.");
        }

        var timestamp = micro is { } m
            ? WebhookTimestamps.FromEpochMicroseconds(m)
            : WebhookTimestamps.Timestamp(meta, "timestamp", "meta.timestamp") ?? throw new WebhookFormatException("meta.timestamp is missing.");
        return (micro, timestamp);
    }
}
