using System.Globalization;
using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// The identity of one report row, so a row read again (the poll's overlap, a retried page, a replay) is counted
/// once: kind, mailing, message (or contact), second and link. Maileon rows carry no id of their own, so two opens of
/// one message within the same second count as one.
/// </summary>
public static class EngagementFingerprint
{
    public static string Of(MaileonTrackingEvent row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var kind = row.Kind switch
        {
            MaileonTrackingKind.Open => "o",
            MaileonTrackingKind.Click => "c",
            _ => "b",
        };
        var recipient = row.MessageId is { } message ? "m" + Text(message) : "c" + (row.ContactId is { } contact ? Text(contact) : row.Email?.ToLowerInvariant());
        var second = row.Timestamp is { } at ? Text(at.ToUnixTimeSeconds()) : "?";
        var link = row.Kind == MaileonTrackingKind.Click ? ":" + (row.LinkId is { } id ? Text(id) : row.LinkUrl) : string.Empty;
        return $"{kind}:{Text(row.MailingId ?? 0)}:{recipient}:{second}{link}";
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
