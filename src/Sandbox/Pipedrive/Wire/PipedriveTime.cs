using System.Globalization;

namespace PipedriveMaileon.Sandbox.Pipedrive.Wire;

/// <summary>Pipedrive's timestamp formats: RFC 3339 seconds in API v2, "yyyy-MM-dd HH:mm:ss" UTC in v1, milliseconds in webhooks.</summary>
public static class PipedriveTime
{
    public static string V2(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string? V2(DateTimeOffset? time) => time is { } t ? V2(t) : null;

    public static string V1(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string? V1(DateTimeOffset? time) => time is { } t ? V1(t) : null;

    public static string Millis(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? Millis(DateTimeOffset? time) => time is { } t ? Millis(t) : null;
}
