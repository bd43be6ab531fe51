using System.Globalization;
using System.Text.Json;

namespace PipedriveMaileon.ApiClients.Wire;

/// <summary>
/// Lenient readers for JSON properties. The services are not consistent about types (ids as numbers or
/// strings, flags as booleans or 0/1, two timestamp formats), so every read accepts the documented variants
/// and treats a missing property, <c>null</c> or an unusable value as absent.
/// </summary>
internal static class JsonValues
{
    private static readonly string[] SpaceSeparatedTimestampFormats =
    [
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
    ];

    public static JsonElement? Property(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static string? String(JsonElement obj, string name) => Property(obj, name) is { } value ? AsString(value) : null;

    public static string? AsString(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    public static long? Int64(JsonElement obj, string name) => Property(obj, name) is { } value ? AsInt64(value) : null;

    public static long? AsInt64(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (value.TryGetInt64(out var whole))
            {
                return whole;
            }

            return value.TryGetDouble(out var real) && real == Math.Floor(real) && Math.Abs(real) < 9e15 ? (long)real : null;
        }

        if (value.ValueKind == JsonValueKind.String
            && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        // Pipedrive v1 expands some ids into objects carrying the id as "value" (or "id").
        if (value.ValueKind == JsonValueKind.Object)
        {
            return Int64(value, "value") ?? Int64(value, "id");
        }

        return null;
    }

    public static decimal? Decimal(JsonElement obj, string name)
    {
        if (Property(obj, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            return number;
        }

        return value.ValueKind == JsonValueKind.String
            && decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : null;
    }

    public static double? Double(JsonElement obj, string name) =>
        Property(obj, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetDouble(out var number) ? number : null;

    public static bool? Boolean(JsonElement obj, string name) => Property(obj, name) is { } value ? AsBoolean(value) : null;

    public static bool? AsBoolean(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => value.TryGetInt64(out var n) ? n != 0 : null,
        JsonValueKind.String => value.GetString() switch
        {
            "1" or "true" or "True" => true,
            "0" or "false" or "False" => false,
            _ => null,
        },
        _ => null,
    };

    public static DateTimeOffset? Timestamp(JsonElement obj, string name) => ParseTimestamp(String(obj, name));

    /// <summary>RFC 3339 (API v2, webhooks) or <c>yyyy-MM-dd HH:mm:ss</c> in UTC (API v1); epoch seconds for numbers.</summary>
    public static DateTimeOffset? ParseTimestamp(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParseExact(
                text,
                SpaceSeparatedTimestampFormats,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var spaced))
        {
            return spaced;
        }

        if (DateTimeOffset.TryParse(
                text,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var iso))
        {
            return iso;
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch)
            ? DateTimeOffset.FromUnixTimeSeconds(epoch)
            : null;
    }

    public static DateOnly? Date(JsonElement obj, string name) =>
        DateOnly.TryParseExact(String(obj, name), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    public static IEnumerable<JsonElement> Array(JsonElement obj, string name) =>
        Property(obj, name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>A detached copy of an object's properties, so the values outlive the parsed document.</summary>
    public static IReadOnlyDictionary<string, JsonElement> ObjectProperties(JsonElement obj, string name)
    {
        if (Property(obj, name) is not { ValueKind: JsonValueKind.Object } value)
        {
            return new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        }

        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            properties[property.Name] = property.Value.Clone();
        }

        return properties;
    }
}
