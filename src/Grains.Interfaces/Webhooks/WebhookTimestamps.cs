using System.Globalization;
using System.Text.Json;

namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

/// <summary>
/// Times in webhook JSON: RFC 3339, <c>yyyy-MM-dd HH:mm:ss</c> (taken as UTC), epoch seconds, milliseconds or
/// microseconds as numbers or digits, and <c>yyyy-MM-dd</c> dates. A present value that is none of these throws
/// <see cref="WebhookFormatException"/> naming the property.
/// </summary>
internal static class WebhookTimestamps
{
    private static readonly string[] SpacedFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF"];

    public static DateTimeOffset? Timestamp(JsonElement obj, string name, JsonPath path) => TimestampOf(WebhookJson.Sent(obj, name), path);

    public static DateTimeOffset? TimestampOf(JsonElement sent, JsonPath path)
    {
        if (WebhookJson.Present(sent) is not { } value)
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetInt64(out var epoch):
                return FromEpoch(epoch) ?? throw BadTime(path, value);
            case JsonValueKind.String when value.TryGetDateTimeOffset(out var iso) && iso.Offset == TimeSpan.Zero:
                // The usual shape (ISO 8601 in UTC) through the JSON reader's own parser; the general one below costs
                // several times more. Every text it reads at offset zero the general one reads as the same instant.
                return iso;
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

    public static DateOnly? Date(JsonElement obj, string name, JsonPath path)
    {
        if (WebhookJson.Text(obj, name, path) is not { } text || text.Length == 0)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new WebhookFormatException($"{path} must be a date as yyyy-MM-dd, not \"{WebhookJson.Clip(text)}\".");
    }


    private static WebhookFormatException BadTime(JsonPath path, JsonElement value) =>
        new($"{path} must be an ISO-8601 timestamp or epoch seconds, not {WebhookJson.Show(value)}.");
}
