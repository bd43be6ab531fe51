using System.Globalization;
using Microsoft.Extensions.Options;

namespace PipedriveMaileon.Sandbox.Maileon.Wire;

/// <summary>Formats and parses Maileon's zone-less timestamps in the configured account time zone.</summary>
public sealed class MaileonTime(IOptions<MaileonOptions> options)
{
    private readonly TimeZoneInfo zone = string.Equals(options.Value.TimeZone, "UTC", StringComparison.OrdinalIgnoreCase)
        ? TimeZoneInfo.Utc
        : TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, zone).DateTime;

    /// <summary>Contact <c>created</c>/<c>updated</c>: <c>2015-08-04 13:12:46.0</c>, the way Java prints a Timestamp.</summary>
    public string ContactTimestamp(DateTimeOffset instant)
    {
        var local = ToLocal(instant);
        var fraction = local.ToString("fff", CultureInfo.InvariantCulture).TrimEnd('0');
        return local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "." + (fraction.Length == 0 ? "0" : fraction);
    }

    /// <summary>Reports, webhook timestamps and transaction lists: <c>yyyy-MM-dd HH:mm:ss</c>.</summary>
    public string Seconds(DateTimeOffset instant) =>
        ToLocal(instant).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Parses <c>yyyy-MM-dd HH:mm:ss</c> or <c>yyyy-MM-dd</c> in the account zone (<c>updated_after</c>).</summary>
    public bool TryParseLocal(string text, out DateTimeOffset instant)
    {
        instant = default;
        if (!DateTime.TryParseExact(text, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFF", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        var offset = zone.GetUtcOffset(local);
        instant = new DateTimeOffset(local, offset);
        return true;
    }

    public static long EpochMillis(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();
}
