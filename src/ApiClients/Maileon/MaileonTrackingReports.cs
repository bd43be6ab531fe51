using System.Xml.Linq;

namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>
/// The engagement reports: opens, clicks and bounces of sent mailings, paged by time window (docs: "Get Opens",
/// "Get Clicks", "Get Bounces"; PHP <c>ReportsService::getOpens/getClicks/getBounces</c>). Reading is safe to repeat.
/// </summary>
public sealed class MaileonTrackingReports(MaileonTransport transport)
{
    /// <summary><c>GET /reports/opens?page_index&amp;page_size&amp;from_date&amp;to_date[&amp;mailing_id]*&amp;exclude_anonymous_opens</c>.</summary>
    public Task<MaileonTrackingPage> GetOpensAsync(MaileonConnection connection, MaileonTrackingQuery query, CancellationToken cancellationToken = default) =>
        GetAsync(connection, query, MaileonTrackingKind.Open, cancellationToken);

    /// <summary><c>GET /reports/clicks?…&amp;exclude_anonymous_clicks</c>; rows carry <c>link_id</c> and <c>link_url</c>.</summary>
    public Task<MaileonTrackingPage> GetClicksAsync(MaileonConnection connection, MaileonTrackingQuery query, CancellationToken cancellationToken = default) =>
        GetAsync(connection, query, MaileonTrackingKind.Click, cancellationToken);

    /// <summary><c>GET /reports/bounces?…&amp;exclude_anonymous_bounces[&amp;type]</c>; rows carry <c>type</c> and <c>status_code</c>.</summary>
    public Task<MaileonTrackingPage> GetBouncesAsync(MaileonConnection connection, MaileonTrackingQuery query, CancellationToken cancellationToken = default) =>
        GetAsync(connection, query, MaileonTrackingKind.Bounce, cancellationToken);

    private async Task<MaileonTrackingPage> GetAsync(MaileonConnection connection, MaileonTrackingQuery query, MaileonTrackingKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (plural, operation) = kind switch
        {
            MaileonTrackingKind.Open => ("opens", "GetOpens"),
            MaileonTrackingKind.Click => ("clicks", "GetClicks"),
            _ => ("bounces", "GetBounces"),
        };
        var parameters = MaileonTransport.Page(query.PageIndex, query.PageSize)
            .Add("from_date", query.From.ToUnixTimeMilliseconds())
            .Add("to_date", query.To?.ToUnixTimeMilliseconds())
            .AddEach("mailing_id", (query.MailingIds ?? []).Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Add($"exclude_anonymous_{plural}", query.ExcludeAnonymous)
            .Add("type", kind == MaileonTrackingKind.Bounce ? query.BounceType : null);
        var reply = await transport.SendAsync(
            connection, operation, HttpMethod.Get, $"reports/{plural}{parameters}", null, null, MaileonTransport.XmlMediaType, true, cancellationToken);
        MaileonTransport.EnsureSuccess(operation, reply, connection);
        var items = string.IsNullOrWhiteSpace(reply.Body)
            ? []
            : MaileonTransport.ParseXml(operation, reply).Elements().Select(row => Parse(kind, row)).ToArray();
        return new MaileonTrackingPage(items, query.PageIndex, reply.TotalItems, reply.TotalPages);
    }

    private static MaileonTrackingEvent Parse(MaileonTrackingKind kind, XElement row)
    {
        var contact = row.Element("contact");
        var anonymous = contact is null
            || string.Equals((string?)contact.Attribute("anonymous"), "true", StringComparison.OrdinalIgnoreCase)
            || (MaileonXml.Int64(contact, "id") is null && string.IsNullOrEmpty(MaileonXml.Text(contact, "email")));
        return new MaileonTrackingEvent(
            kind,
            MaileonReports.ParseTimestamp(MaileonXml.Text(row, "timestamp")),
            anonymous ? null : MaileonXml.Int64(contact!, "id"),
            anonymous ? null : Blank(MaileonXml.Text(contact!, "email")),
            anonymous ? null : Blank(MaileonXml.Text(contact!, "external_id")),
            anonymous,
            MaileonXml.Int64(row, "mailing_id"),
            MaileonXml.Int64(row, "msg_id"),
            MaileonXml.Int64(row, "link_id"),
            MaileonXml.Text(row, "link_url"),
            MaileonXml.Text(row, "type"),
            MaileonXml.Text(row, "status_code"));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
