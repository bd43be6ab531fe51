using System.Globalization;
using System.Xml.Linq;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>Reports: the unsubscriptions reconciliation reads to heal missed webhooks.</summary>
public sealed class MaileonReports(MaileonTransport transport)
{
    /// <summary>
    /// <c>GET /reports/unsubscriptions?page_index&amp;page_size&amp;from_date&amp;to_date</c> (dates in epoch
    /// milliseconds): every unsubscription in the window, whatever its path (link, reply, API, UI), for reconciling
    /// missed webhooks (docs: "Get Unsubscriptions").
    /// </summary>
    public async Task<MaileonUnsubscriptionPage> GetUnsubscriptionsAsync(
        MaileonConnection connection,
        DateTimeOffset from,
        DateTimeOffset? to = null,
        int pageIndex = 1,
        int pageSize = 1000,
        CancellationToken cancellationToken = default)
    {
        var query = MaileonTransport.Page(pageIndex, pageSize)
            .Add("from_date", from.ToUnixTimeMilliseconds())
            .Add("to_date", to?.ToUnixTimeMilliseconds());
        var reply = await transport.SendAsync(
            connection, "GetUnsubscriptions", HttpMethod.Get, "reports/unsubscriptions" + query, null, null, MaileonTransport.XmlMediaType, false, cancellationToken);
        MaileonTransport.EnsureSuccess("GetUnsubscriptions", reply, connection);
        var items = string.IsNullOrWhiteSpace(reply.Body)
            ? []
            : MaileonTransport.ParseXml("GetUnsubscriptions", reply).Elements("unsubscription").Select(ParseUnsubscription).ToArray();
        return new MaileonUnsubscriptionPage(items, pageIndex, reply.TotalItems, reply.TotalPages);
    }

    private static MaileonUnsubscription ParseUnsubscription(XElement element)
    {
        var contact = element.Element("contact");
        return new MaileonUnsubscription(
            Timestamp: ParseTimestamp(MaileonXml.Text(element, "timestamp")),
            ContactId: contact is null ? null : MaileonXml.Int64(contact, "id"),
            Email: contact is null ? null : MaileonXml.Text(contact, "email"),
            ExternalId: contact is null ? null : MaileonXml.Text(contact, "external_id"),
            MailingId: MaileonXml.Int64(element, "mailing_id"),
            Source: MaileonXml.Text(element, "source"));
    }

    // Documented as "yyyy-mm-dd hh:mm:ss" without a zone: read as UTC (the account zone is undocumented); epoch
    // milliseconds, which some report fields carry, are read too.
    internal static DateTimeOffset? ParseTimestamp(string? text) =>
        long.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var millis)
            ? DateTimeOffset.FromUnixTimeMilliseconds(millis)
            : JsonValues.ParseTimestamp(text);
}
