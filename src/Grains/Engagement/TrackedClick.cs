namespace PipedriveMaileon.Grains.Engagement;

/// <summary>One counted click: its fingerprint and the link (id and URL) it was on.</summary>
public sealed record TrackedClick(string Fingerprint, long? LinkId, string? Url)
{
    /// <summary>What makes two clicks the same link: the URL, else the link id.</summary>
    public string Link => Url ?? LinkId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
}
