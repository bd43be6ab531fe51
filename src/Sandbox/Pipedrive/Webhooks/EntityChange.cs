using System.Text.Json.Nodes;

namespace PipedriveMaileon.Sandbox.Pipedrive.Webhooks;

/// <summary>
/// One create/change/delete of a person or deal, in both webhook formats: v2 <c>data</c>/<c>previous</c> (previous
/// holds only changed fields on change) and v1 <c>current</c>/<c>previous</c> (full objects).
/// </summary>
public sealed record EntityChange(
    long CompanyId,
    string Entity,
    string Action,
    long EntityId,
    long UserId,
    string ChangeSource,
    DateTimeOffset Timestamp,
    JsonObject? Data,
    JsonObject? Previous,
    JsonObject? CurrentV1,
    JsonObject? PreviousV1)
{
    public long? MergedToId { get; init; }
    public long? MergedFromId { get; init; }

    /// <summary>The v1 action name: added, updated, deleted or merged.</summary>
    public string V1Action => MergedFromId is not null ? "merged" : Action switch
    {
        "create" => "added",
        "change" => "updated",
        _ => "deleted",
    };

    /// <summary>
    /// The keys of <paramref name="before"/> whose values differ in <paramref name="after"/>, with their old values;
    /// <c>custom_fields</c> is compared per key and <c>update_time</c> is ignored. Null when nothing changed.
    /// </summary>
    public static JsonObject? ChangedFields(JsonObject before, JsonObject after)
    {
        var changed = new JsonObject();
        foreach (var (key, value) in before)
        {
            if (key == "update_time")
            {
                continue;
            }

            var now = after[key];
            if (key == "custom_fields" && value is JsonObject oldFields && now is JsonObject newFields)
            {
                var changedFields = new JsonObject();
                foreach (var (fieldKey, fieldValue) in oldFields)
                {
                    if (!JsonNode.DeepEquals(fieldValue, newFields[fieldKey]))
                    {
                        changedFields[fieldKey] = fieldValue?.DeepClone();
                    }
                }

                foreach (var (fieldKey, _) in newFields.Where(f => !oldFields.ContainsKey(f.Key)))
                {
                    changedFields[fieldKey] = null;
                }

                if (changedFields.Count > 0)
                {
                    changed[key] = changedFields;
                }
            }
            else if (!JsonNode.DeepEquals(value, now))
            {
                changed[key] = value?.DeepClone();
            }
        }

        return changed.Count == 0 ? null : changed;
    }
}
