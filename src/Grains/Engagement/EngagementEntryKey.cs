using System.Globalization;
using System.Text.RegularExpressions;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// The deterministic key of the one timeline entry per tenant, person and mailing (<c>mle-{company}-{person}-{mailing}</c>).
/// It is written into the entry (a small "Maileon ref" line), so after a create whose answer was lost the entry is
/// found among the person's notes or activities instead of being created twice.
/// </summary>
public static partial class EngagementEntryKey
{
    public static string Of(long companyId, long personId, long mailingId) =>
        string.Create(CultureInfo.InvariantCulture, $"mle-{companyId}-{personId}-{mailingId}");

    /// <summary>The line that carries the key in the entry's HTML.</summary>
    public static string Marker(string key) => $"Maileon ref {key}";

    /// <summary>Whether an entry's content (note content or activity note) carries this key.</summary>
    public static bool IsIn(string key, string? content) =>
        content is not null && Markers().Matches(content).Any(m => string.Equals(m.Groups[1].Value, key, StringComparison.Ordinal));

    [GeneratedRegex(@"Maileon ref (mle-\d+-\d+-\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex Markers();
}
