using System.Globalization;
using System.Text.Json.Nodes;
using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.Grains.Deals;

/// <summary>
/// Converts a deal attribute to the type an event type declares for it (Maileon: <c>integer</c> 32-bit, <c>float</c>
/// or <c>double</c>, <c>string</c> ≤ 1000 characters, <c>date</c> <c>yyyy-MM-dd</c>, <c>timestamp</c>
/// <c>yyyy-MM-dd HH:mm:ss</c> (sent in UTC), <c>boolean</c>, <c>json</c>). A decimal amount sent as an integer is
/// rounded half away from zero and the exact amount goes into the note; a value the type cannot hold is left out
/// with a note, never sent wrong.
/// </summary>
public static class DealAttributeCoercion
{
    public const string DateFormat = "yyyy-MM-dd";
    public const string TimestampFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>The JSON value to send (null: leave the attribute out) and a note for the activity log, if any.</summary>
    public static (JsonNode? Value, string? Note) To(string declaredType, DealAttributeValue value)
    {
        ArgumentNullException.ThrowIfNull(declaredType);
        ArgumentNullException.ThrowIfNull(value);
        return declaredType.ToLowerInvariant() switch
        {
            "integer" => ToInteger(value),
            "float" or "double" => value.Kind == DealAttributeKind.Number ? (Exact(value.Number!.Value), null) : ParsedNumber(value, declaredType),
            "string" => (MaileonLimits.Clip(Text(value), MaileonLimits.TransactionStringLength), null),
            "date" => ToDate(value),
            "timestamp" => ToTimestamp(value),
            "boolean" => value.Flag is { } flag ? (flag, null) : Refused(value, declaredType),
            "json" => (value.Kind switch
            {
                DealAttributeKind.Number => Exact(value.Number!.Value),
                DealAttributeKind.Boolean => value.Flag!.Value,
                _ => Text(value),
            }, null),
            _ => (null, $"{value.Name} is declared as \"{declaredType}\", a type Maileon does not have; left out"),
        };
    }

    /// <summary>The value as text: numbers exact and culture-free, dates and times in Maileon's formats (UTC).</summary>
    public static string Text(DealAttributeValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Kind switch
        {
            DealAttributeKind.Number => Exact(value.Number!.Value).ToString(CultureInfo.InvariantCulture),
            DealAttributeKind.Date => value.Date!.Value.ToString(DateFormat, CultureInfo.InvariantCulture),
            DealAttributeKind.Timestamp => value.Time!.Value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture),
            DealAttributeKind.Boolean => value.Flag!.Value ? "true" : "false",
            _ => value.Text ?? string.Empty,
        };
    }

    private static (JsonNode?, string?) ToInteger(DealAttributeValue value)
    {
        decimal number;
        if (value.Kind == DealAttributeKind.Number)
        {
            number = value.Number!.Value;
        }
        else if (value.Kind != DealAttributeKind.Text || !decimal.TryParse(value.Text, NumberStyles.Number, CultureInfo.InvariantCulture, out number))
        {
            return Refused(value, "integer");
        }

        var rounded = decimal.Round(number, MidpointRounding.AwayFromZero);
        if (rounded is < int.MinValue or > int.MaxValue)
        {
            return (null, $"{value.Name} {Exact(number).ToString(CultureInfo.InvariantCulture)} does not fit Maileon's 32-bit integer; left out");
        }

        var note = rounded == number ? null
            : $"{value.Name} {Exact(number).ToString(CultureInfo.InvariantCulture)} was sent as {rounded:0} (the event type declares it as integer); exact amount {Exact(number).ToString(CultureInfo.InvariantCulture)}";
        return ((long)rounded, note);
    }

    private static (JsonNode?, string?) ParsedNumber(DealAttributeValue value, string declaredType) =>
        value.Kind == DealAttributeKind.Text && decimal.TryParse(value.Text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
            ? (Exact(number), null)
            : Refused(value, declaredType);

    private static (JsonNode?, string?) ToDate(DealAttributeValue value) => value.Kind switch
    {
        DealAttributeKind.Date => (Text(value), null),
        DealAttributeKind.Timestamp => (value.Time!.Value.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture), null),
        DealAttributeKind.Text when DateOnly.TryParseExact(value.Text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) =>
            (date.ToString(DateFormat, CultureInfo.InvariantCulture), null),
        _ => Refused(value, "date"),
    };

    private static (JsonNode?, string?) ToTimestamp(DealAttributeValue value) => value.Kind switch
    {
        DealAttributeKind.Timestamp => (Text(value), null),
        DealAttributeKind.Date => (value.Date!.Value.ToString(DateFormat, CultureInfo.InvariantCulture) + " 00:00:00", null),
        DealAttributeKind.Text when DateTime.TryParseExact(value.Text, TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) =>
            (time.ToString(TimestampFormat, CultureInfo.InvariantCulture), null),
        _ => Refused(value, "timestamp"),
    };

    private static (JsonNode?, string?) Refused(DealAttributeValue value, string declaredType) =>
        (null, $"{value.Name} \"{Text(value)}\" cannot be sent as {declaredType}, the type the event type declares; left out");

    // Drops trailing zeros (100.50 → 100.5, 100.00 → 100), so the number reads as Pipedrive shows it.
    private static decimal Exact(decimal value) => value / 1.000000000000000000000000000000000m;
}
