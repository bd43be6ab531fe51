using System.Globalization;
using System.Net;
using System.Text;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// What a timeline entry says: a subject such as <c>Opened 'December news' · clicked 2 links</c>, and an HTML body
/// (notes and activity notes are HTML) with the counts, first and last time (UTC), the links, a hard bounce, why
/// only some contacts' opens show (single-user tracking), and the entry's key. Every value is HTML-encoded.
/// </summary>
public static class EngagementEntryText
{
    public const int MaxSubjectLength = 255;
    public const int MaxQuotedSubjectLength = 80;
    public const int MaxListedLinks = 10;

    public static string Subject(MailingEngagement mailing, string? mailingSubject)
    {
        ArgumentNullException.ThrowIfNull(mailing);
        var quoted = $"'{Clip(Name(mailing, mailingSubject), MaxQuotedSubjectLength)}'";
        var parts = new List<string>();
        if (mailing.HardBounce)
        {
            parts.Add($"Hard bounce: {quoted}");
        }

        if (mailing.OpenCount > 0)
        {
            parts.Add((parts.Count == 0 ? $"Opened {quoted}" : "opened") + Times(mailing.OpenCount));
        }

        if (mailing.ClickCount > 0)
        {
            var links = mailing.DistinctLinks == 1 ? "1 link" : $"{mailing.DistinctLinks} links";
            parts.Add(parts.Count == 0 ? $"Clicked {links} in {quoted}" : $"clicked {links}");
        }

        return Clip(string.Join(" · ", parts), MaxSubjectLength);
    }

    public static string Body(MailingEngagement mailing, string? mailingSubject, string key)
    {
        ArgumentNullException.ThrowIfNull(mailing);
        var html = new StringBuilder()
            .Append("<p><b>Maileon</b> · mailing “").Append(H(Name(mailing, mailingSubject))).Append("”</p><ul>");
        if (mailing.OpenCount > 0)
        {
            html.Append("<li>Opened").Append(H(Times(mailing.OpenCount))).Append("</li>");
        }

        if (mailing.ClickCount > 0)
        {
            html.Append("<li>Clicked ").Append(mailing.DistinctLinks).Append(mailing.DistinctLinks == 1 ? " link" : " links")
                .Append(" (").Append(mailing.ClickCount).Append(mailing.ClickCount == 1 ? " click" : " clicks").Append("):");
            foreach (var link in mailing.Clicks.GroupBy(c => c.Link, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(MaxListedLinks))
            {
                html.Append("<br>").Append(H(link.Key)).Append(link.Count() > 1 ? $" ({link.Count()}×)" : string.Empty);
            }

            html.Append("</li>");
        }

        if (mailing.HardBounce)
        {
            html.Append("<li>Hard bounce").Append(mailing.BounceStatusCode is { } code ? $" ({H(code)})" : string.Empty)
                .Append(": the address does not accept mail.</li>");
        }

        if (mailing.FirstAt is { } first && mailing.LastAt is { } last)
        {
            html.Append("<li>").Append(first == last ? $"On {Time(first)}" : $"From {Time(first)} to {Time(last)}").Append("</li>");
        }

        return html.Append("</ul><p><small>Maileon shows opens and clicks per person only for contacts with single-user tracking (DOI+). ")
            .Append(H(EngagementEntryKey.Marker(key))).Append("</small></p>").ToString();
    }

    private static string Name(MailingEngagement mailing, string? subject) =>
        string.IsNullOrWhiteSpace(subject) ? $"Mailing {mailing.MailingId.ToString(CultureInfo.InvariantCulture)}" : subject.Trim();

    private static string Times(int count) => count == 1 ? string.Empty : $" {count} times";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";

    private static string H(string text) => WebUtility.HtmlEncode(text);
}
