using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

/// <summary>
/// Loading and reading webhook JSON. Loading never throws: it returns null with a reason for empty, malformed,
/// truncated or too deeply nested input. The readers accept the variants the senders use (ids as numbers or
/// strings, v1 id objects, ISO or epoch timestamps) and throw <see cref="WebhookFormatException"/> naming the
/// property when a present value cannot be used; a missing property and <c>null</c> both read as absent.
/// </summary>
internal static class WebhookJson
{
    public const int MaxDepth = 32;

    private static readonly string[] SpacedFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF"];

    public static JsonDocument? Load(ReadOnlySpan<byte> body, out string reason)
    {
        if (body.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        if (body.Trim(" \t\r\n"u8).IsEmpty)
        {
            reason = "The body is empty; a JSON object was expected.";
            return null;
        }

        if (!Validate(body, out reason))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = MaxDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException)
        {
            // Syntax, depth and text were checked above; what is left is a repeated property name.
            reason = "The JSON repeats a property name within one object.";
            return null;
        }
    }

    /// <summary>One pass over the tokens: well-formed, at most <see cref="MaxDepth"/> levels, valid UTF-8 text.</summary>
    private static bool Validate(ReadOnlySpan<byte> body, out string reason)
    {
        // The reader's own limit sits above ours so that we see the 33rd level and can say so.
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth + 8 });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray when reader.CurrentDepth >= MaxDepth:
                        reason = $"The JSON is nested deeper than {MaxDepth} levels.";
                        return false;
                    case JsonTokenType.PropertyName or JsonTokenType.String when !IsValidText(ref reader):
                        reason = "The JSON contains text that is not valid UTF-8.";
                        return false;
                }
            }
        }
        catch (JsonException ex)
        {
            reason = IsIncomplete(body)
                ? "The body is not complete JSON: it ends in the middle of a value (truncated?)."
                : $"The body is not valid JSON (error at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1} of that line).";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    private static bool IsValidText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return !reader.HasValueSequence && Utf8.IsValid(reader.ValueSpan);
        }

        try
        {
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>True when the body is a valid beginning of a JSON document that just stops early.</summary>
    private static bool IsIncomplete(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = MaxDepth + 8 }));
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

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

    /// <summary>The property's value unless it is missing or <c>null</c>.</summary>
    public static JsonElement? Get(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static bool Has(JsonElement obj, string name) => obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out _);

    /// <summary>An object, or null when missing or <c>null</c>; any other kind is an error.</summary>
    public static JsonElement? Object(JsonElement obj, string name, string path)
    {
        if (Get(obj, name) is not { } value)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object
            ? value
            : throw new WebhookFormatException($"{path} must be an object, not {KindName(value.ValueKind)}.");
    }

    /// <summary>An array, or null when missing or <c>null</c>; any other kind is an error.</summary>
    public static JsonElement? Array(JsonElement obj, string name, string path)
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
    public static string? Text(JsonElement obj, string name, string path) =>
        Get(obj, name) is { } value ? AsText(value, path) : null;

    public static string AsText(JsonElement value, string path) => value.ValueKind switch
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
    public static long? Id(JsonElement obj, string name, string path, bool allowObject = true) =>
        Get(obj, name) is { } value ? AsId(value, path, allowObject) : null;

    public static long? AsId(JsonElement value, string path, bool allowObject = true)
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
                return Get(value, "value") is { } inner ? AsId(inner, path + ".value", allowObject: false)
                    : Get(value, "id") is { } other ? AsId(other, path + ".id", allowObject: false)
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
    public static long RequiredId(JsonElement obj, string name, string path, bool allowObject = false)
    {
        if (!Has(obj, name) || Get(obj, name) is null)
        {
            throw new WebhookFormatException($"{path} is missing.");
        }

        return Id(obj, name, path, allowObject) ?? throw new WebhookFormatException($"{path} must be a positive id.");
    }

    public static long? Integer(JsonElement obj, string name, string path)
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

    public static decimal? Decimal(JsonElement obj, string name, string path)
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

    public static bool? Flag(JsonElement obj, string name, string path)
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

    public static DateTimeOffset? Timestamp(JsonElement obj, string name, string path)
    {
        if (Get(obj, name) is not { } value)
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetInt64(out var epoch):
                return FromEpoch(epoch) ?? throw BadTime(path, value);
            case JsonValueKind.String:
                var text = value.GetString()!.Trim();
                return text.Length == 0 ? null : ParseTimestamp(text) ?? throw BadTime(path, value);
            default:
                throw BadTime(path, value);
        }
    }

    /// <summary>RFC 3339, <c>yyyy-MM-dd HH:mm:ss</c> (taken as UTC) or epoch seconds/milliseconds/microseconds as digits.</summary>
    public static DateTimeOffset? ParseTimestamp(string text)
    {
        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) ? FromEpoch(epoch) : null;
        }

        const DateTimeStyles utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (DateTimeOffset.TryParseExact(text, SpacedFormats, CultureInfo.InvariantCulture, utc, out var spaced))
        {
            return spaced;
        }

        return text.Length >= 10 && char.IsAsciiDigit(text[0])
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, utc, out var iso)
                ? iso
                : null;
    }

    /// <summary>Epoch seconds (10 digits today), milliseconds (13) or microseconds (16); null when out of range.</summary>
    public static DateTimeOffset? FromEpoch(long epoch)
    {
        const long maxSeconds = 253_402_300_799; // 9999-12-31T23:59:59Z
        return epoch switch
        {
            < 0 => null,
            < 100_000_000_000 => DateTimeOffset.FromUnixTimeSeconds(epoch),
            < 100_000_000_000_000 => DateTimeOffset.FromUnixTimeMilliseconds(epoch),
            < maxSeconds * 1_000_000 => FromEpochMicroseconds(epoch),
            _ => null,
        };
    }

    public static DateTimeOffset FromEpochMicroseconds(long micro) => DateTimeOffset.UnixEpoch.AddTicks(micro * 10);

    public static DateOnly? Date(JsonElement obj, string name, string path)
    {
        if (Text(obj, name, path) is not { } text || text.Length == 0)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new WebhookFormatException($"{path} must be a date as yyyy-MM-dd, not \"{Clip(text)}\".");
    }

    public static string Clip(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");

    private static WebhookFormatException BadTime(string path, JsonElement value) =>
        new($"{path} must be an ISO-8601 timestamp or epoch seconds, not {Show(value)}.");
}
