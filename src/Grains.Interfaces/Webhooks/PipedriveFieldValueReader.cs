using System.Globalization;
using System.Text.Json;

namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

/// <summary>
/// Custom field values of a person in a webhook: v2's typed values (<c>{"type": ..., "value": ...}</c>, also the raw
/// API v2 shapes), v1's root-level 40-hex keys with bare values, option ids as numbers, lists or comma-separated text.
/// </summary>
internal static class PipedriveFieldValueReader
{
    public static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    /// <summary>Reads the object's <c>custom_fields</c> (<paramref name="sent"/>) into <paramref name="custom"/>.</summary>
    public static void ReadTypedCustomFields(JsonElement sent, JsonPath path, Dictionary<string, PersonFieldValue> custom)
    {
        if (WebhookJson.ObjectOf(sent, path.Property("custom_fields")) is not { } fields)
        {
            return;
        }

        // Joined once per object (a field's path is two steps deeper than JsonPath keeps apart).
        JsonPath fieldsPath = path.Property("custom_fields").ToString();
        foreach (var field in fields.EnumerateObject())
        {
            custom[field.Name] = TypedFieldValue(field.Value, fieldsPath.Property(field.Name));
        }
    }

    /// <summary>A v2 webhook value (<c>{"type": ..., ...}</c>); the raw API v2 shapes are accepted too.</summary>
    private static PersonFieldValue TypedFieldValue(JsonElement value, JsonPath path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return UntypedValue(value, path);
        }

        var type = WebhookJson.Text(value, "type", path.Property("type"));
        switch (type)
        {
            case "enum":
                return new PersonFieldValue { OptionId = WebhookJson.Id(value, "id", path.Property("id")) ?? WebhookJson.Id(value, "value", path.Property("value")) };
            case "set":
                var ids = WebhookJson.Array(value, "values", path.Property("values")) is { } values ? OptionIds(values, path.Property("values")) : [];
                return new PersonFieldValue { OptionIds = ids };
            case "people" or "user" or "org":
                var reference = WebhookJson.Id(value, "id", path.Property("id")) ?? WebhookJson.Id(value, "value", path.Property("value"));
                return new PersonFieldValue { Text = reference?.ToString(CultureInfo.InvariantCulture) };
            case "monetary":
                return new PersonFieldValue
                {
                    Text = ScalarText(WebhookJson.Get(value, "value"), path.Property("value")),
                    Currency = WebhookJson.Text(value, "currency", path.Property("currency")),
                };
            case "address":
                return new PersonFieldValue
                {
                    Text = ScalarText(WebhookJson.Get(value, "value"), path.Property("value"))
                        ?? ScalarText(WebhookJson.Get(value, "formatted_address"), path.Property("formatted_address")),
                };
            default:
                // varchar, text, double, date, phone, time, ...: the value as text; unknown shapes by value or id.
                return new PersonFieldValue
                {
                    Text = ScalarText(WebhookJson.Get(value, "value"), path.Property("value"))
                        ?? WebhookJson.Id(value, "id", path.Property("id"))?.ToString(CultureInfo.InvariantCulture),
                };
        }
    }

    /// <summary>
    /// A value without a type (API v2 raw or v1 root-level). The field type is not known here, so every reading
    /// that fits is filled and the consumer takes the one its field type needs: <see cref="PersonFieldValue.Text"/>
    /// always; <see cref="PersonFieldValue.OptionId"/> for a single whole number; <see cref="PersonFieldValue.OptionIds"/>
    /// for one or more comma-separated whole numbers.
    /// </summary>
    private static PersonFieldValue UntypedValue(JsonElement value, JsonPath path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return PersonFieldValue.Empty;
            case JsonValueKind.Array:
                return new PersonFieldValue { OptionIds = OptionIds(value, path) };
            case JsonValueKind.Object:
                // v1 people/org fields embed an object carrying the id as value; include_option_labels adds a label.
                return WebhookJson.Get(value, "value") is { ValueKind: not JsonValueKind.Object and not JsonValueKind.Array } inner
                    ? UntypedValue(inner, path.Property("value"))
                    : WebhookJson.Get(value, "id") is { } id ? UntypedValue(id, path.Property("id")) : PersonFieldValue.Empty;
            default:
                var text = WebhookJson.AsText(value, path);
                if (text.Length == 0)
                {
                    return PersonFieldValue.Empty;
                }

                var options = ParseOptionList(text);
                return new PersonFieldValue
                {
                    Text = text,
                    OptionId = options is [var single] ? single : null,
                    OptionIds = options ?? [],
                };
        }
    }

    public static PersonFieldValue V1FieldValue(JsonElement obj, JsonProperty property, JsonPath path)
    {
        var value = UntypedValue(property.Value, path);
        var currency = WebhookJson.LenientText(WebhookJson.Get(obj, property.Name + "_currency"));
        return currency is null || value.IsEmpty ? value : value with { Currency = currency };
    }

    private static long[]? ParseOptionList(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var ids = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out ids[i]) || ids[i] <= 0)
            {
                return null;
            }
        }

        return ids;
    }

    private static long[] OptionIds(JsonElement values, JsonPath path)
    {
        var ids = new List<long>();
        var index = 0;
        foreach (var item in values.EnumerateArray())
        {
            if (WebhookJson.AsId(item, path.Item(index++)) is { } id)
            {
                ids.Add(id);
            }
        }

        return [.. ids];
    }

    private static string? ScalarText(JsonElement? value, JsonPath path) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } text => NullIfEmpty(text.GetString()!),
        { } other => WebhookJson.AsText(other, path),
    };
}
