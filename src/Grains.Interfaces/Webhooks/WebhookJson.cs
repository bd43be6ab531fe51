using System.Globalization;
using System.Text.Json;

namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

/// <summary>
/// Reading webhook JSON (loading is <see cref="WebhookJsonLoader"/>, times <see cref="WebhookTimestamps"/>). The
/// readers accept the variants the senders use (ids as numbers or strings, v1 id objects) and throw <see cref="WebhookFormatException"/> naming the
/// property when a present value cannot be used; a missing property and <c>null</c> both read as absent.
/// </summary>
internal static class WebhookJson
{
    public static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>A short, safe rendering of a bad value for an error message.</summary>
    public static string Show(JsonElement value)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.Object or JsonValueKind.Array => KindName(value.ValueKind),
            _ => value.GetRawText(),
        };
        return text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");
    }

    /// <summary>The property's value as sent; <see cref="JsonValueKind.Undefined"/> when it is missing.</summary>
    public static JsonElement Sent(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) ? value : default;

    /// <summary>A value unless it is missing (<see cref="JsonValueKind.Undefined"/>) or <c>null</c>.</summary>
    public static JsonElement? Present(JsonElement value) =>
        value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? null : value;

    /// <summary>The property's value unless it is missing or <c>null</c>.</summary>
    public static JsonElement? Get(JsonElement obj, string name) => Present(Sent(obj, name));

    public static bool Has(JsonElement obj, string name) => Sent(obj, name).ValueKind != JsonValueKind.Undefined;

    /// <summary>An object, or null when missing or <c>null</c>; any other kind is an error.</summary>
    public static JsonElement? Object(JsonElement obj, string name, JsonPath path) => ObjectOf(Sent(obj, name), path);

    public static JsonElement? ObjectOf(JsonElement sent, JsonPath path)
    {
        if (Present(sent) is not { } value)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object
            ? value
            : throw new WebhookFormatException($"{path} must be an object, not {KindName(value.ValueKind)}.");
    }

    /// <summary>An array, or null when missing or <c>null</c>; any other kind is an error.</summary>
    public static JsonElement? Array(JsonElement obj, string name, JsonPath path)
    {
        if (Get(obj, name) is not { } value)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Array
            ? value
            : throw new WebhookFormatException($"{path} must be an array, not {KindName(value.ValueKind)}.");
    }

    /// <summary>Text from a string, number or boolean; objects and arrays are an error.</summary>
    public static string? Text(JsonElement obj, string name, JsonPath path) => TextOf(Sent(obj, name), path);

    public static string? TextOf(JsonElement sent, JsonPath path) => Present(sent) is { } value ? AsText(value, path) : null;

    public static string AsText(JsonElement value, JsonPath path) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => NumberText(value),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw new WebhookFormatException($"{path} must be text, not {KindName(value.ValueKind)}."),
    };

    /// <summary>Text for optional extras: scalars as text, v1/v2 objects by their <c>value</c>; anything else is absent.</summary>
    public static string? LenientText(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Number } v => NumberText(v),
        { ValueKind: JsonValueKind.True } => "true",
        { ValueKind: JsonValueKind.False } => "false",
        { ValueKind: JsonValueKind.Object } v => LenientText(Get(v, "value")) ?? LenientText(Get(v, "formatted_address")),
        _ => null,
    };

    /// <summary>A number as invariant text with '.' and no exponent when it fits a decimal; otherwise as sent.</summary>
    public static string NumberText(JsonElement number) =>
        number.TryGetDecimal(out var value)
            ? value.ToString("0.############################", CultureInfo.InvariantCulture)
            : number.GetRawText();

    /// <summary>
    /// An id: a whole number, a string of digits, or (when <paramref name="allowObject"/>) a v1 object carrying it as
    /// <c>value</c> or <c>id</c>. Negative ids and fractions are errors; 0 is read as absent.
    /// </summary>
    public static long? Id(JsonElement obj, string name, JsonPath path, bool allowObject = true) =>
        IdOf(Sent(obj, name), path, allowObject);

    public static long? IdOf(JsonElement sent, JsonPath path, bool allowObject = true) =>
        Present(sent) is { } value ? AsId(value, path, allowObject) : null;

    public static long? AsId(JsonElement value, JsonPath path, bool allowObject = true)
    {
        long id;
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number when value.TryGetInt64(out id):
                break;
            case JsonValueKind.String when long.TryParse(value.GetString()!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out id):
                break;
            case JsonValueKind.String when string.IsNullOrWhiteSpace(value.GetString()):
                return null;
            case JsonValueKind.Object when allowObject:
                return Get(value, "value") is { } inner ? AsId(inner, path.Property("value"), allowObject: false)
                    : Get(value, "id") is { } other ? AsId(other, path.Property("id"), allowObject: false)
                    : null;
            default:
                throw new WebhookFormatException($"{path} must be a whole, non-negative id, not {Show(value)}.");
        }

        return id switch
        {
            < 0 => throw new WebhookFormatException($"{path} must be a whole, non-negative id, not {Show(value)}."),
            0 => null,
            _ => id,
        };
    }

    /// <summary>A required positive id.</summary>
    public static long RequiredId(JsonElement obj, string name, JsonPath path, bool allowObject = false)
    {
        if (Get(obj, name) is not { } value)
        {
            throw new WebhookFormatException($"{path} is missing.");
        }

        return AsId(value, path, allowObject) ?? throw new WebhookFormatException($"{path} must be a positive id.");
    }

    public static long? Integer(JsonElement obj, string name, JsonPath path)
    {
        if (Get(obj, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String
            && long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        throw new WebhookFormatException($"{path} must be a whole number, not {Show(value)}.");
    }

    public static decimal? Decimal(JsonElement obj, string name, JsonPath path)
    {
        if (Get(obj, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!.Trim();
            if (text.Length == 0)
            {
                return null;
            }

            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
            {
                return number;
            }
        }

        throw new WebhookFormatException($"{path} must be a number, not {Show(value)}.");
    }

    public static bool? Flag(JsonElement obj, string name, JsonPath path)
    {
        if (Get(obj, name) is not { } value)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.TryGetInt64(out var n) && n is 0 or 1 => n == 1,
            JsonValueKind.String when value.GetString() is "1" or "true" or "True" => true,
            JsonValueKind.String when value.GetString() is "0" or "false" or "False" or "" => false,
            _ => throw new WebhookFormatException($"{path} must be true or false, not {Show(value)}."),
        };
    }

    public static string Clip(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");
}
