using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using PipedriveMaileon.Sandbox.Maileon.Accounts;
using PipedriveMaileon.Sandbox.Maileon.Contacts;
using PipedriveMaileon.Sandbox.Maileon.Wire;

namespace PipedriveMaileon.Sandbox.Maileon.Reports;

/// <summary>
/// <c>GET /reports/opens</c>, <c>/reports/clicks</c>, <c>/reports/bounces</c> (paged) and their <c>/count</c>:
/// <c>from_date</c> inclusive and <c>to_date</c> exclusive in epoch milliseconds, filters <c>mailing_id</c>,
/// <c>ids</c>, <c>emails</c>, <c>eids</c> (each repeatable), <c>format</c>, <c>device_type</c>, clicks
/// <c>link_id</c>/<c>link_url</c>, bounces <c>status_code</c>/<c>type</c>/<c>source_filter</c>. Rows Maileon cannot tie
/// to a contact (no single-user tracking, or the contact was anonymised) are left out unless
/// <c>exclude_anonymous_opens</c>/<c>_clicks</c>/<c>_bounces</c> is <c>false</c>; then their contact is
/// <c>&lt;contact anonymous="true"/&gt;</c>.
/// </summary>
public static class TrackingReportEndpoints
{
    private sealed record Report(string Kind, string Root, string ExcludeParameter);

    private static readonly Report Opens = new(TrackingEvent.Open, "opens", "exclude_anonymous_opens");
    private static readonly Report Clicks = new(TrackingEvent.Click, "clicks", "exclude_anonymous_clicks");
    private static readonly Report Bounces = new(TrackingEvent.Bounce, "bounces", "exclude_anonymous_bounces");

    public static void Map(RouteGroupBuilder api)
    {
        // GET /reports/opens → 200 <opens><open><contact><id/><email/><external_id/></contact><mailing_id/><timestamp/>
        // <msg_id/><format/><device_type/></open></opens> + X-Items/X-Pages; /count → <count> (docs: "Get Opens",
        // exclude_anonymous_opens default true; PHP ReportsService::getOpens/getOpensCount, reports/Open.php,
        // reports/ReportContact.php).
        api.MapGet("/reports/opens", (HttpContext http, MaileonStore store, MaileonTime time) => List(http, store, time, Opens));
        api.MapGet("/reports/opens/count", (HttpContext http, MaileonStore store) => Count(http, store, Opens));

        // GET /reports/clicks → <clicks><click>… <link_id/><link_url/> …</click></clicks> (docs: "Get Clicks"; PHP
        // ReportsService::getClicks/getClicksCount, reports/Click.php).
        api.MapGet("/reports/clicks", (HttpContext http, MaileonStore store, MaileonTime time) => List(http, store, time, Clicks));
        api.MapGet("/reports/clicks/count", (HttpContext http, MaileonStore store) => Count(http, store, Clicks));

        // GET /reports/bounces → <bounces><bounce>… <type>permanent|transient</type><status_code>5.1.1</status_code>
        // <source>mta-listener</source><msg_id/></bounce></bounces> (docs: "Get Bounces"; PHP ReportsService::getBounces/
        // getBouncesCount, reports/Bounce.php).
        api.MapGet("/reports/bounces", (HttpContext http, MaileonStore store, MaileonTime time) => List(http, store, time, Bounces));
        api.MapGet("/reports/bounces/count", (HttpContext http, MaileonStore store) => Count(http, store, Bounces));
    }

    private static IResult List(HttpContext http, MaileonStore store, MaileonTime time, Report report)
    {
        var query = new QueryReader(http.Request);
        var (index, size) = query.Page(100);
        var filter = Filter(query, report);
        var standardFields = query.All("standard_field").Select(f => f.ToUpperInvariant()).ToList();
        var customFields = query.All("custom_field").ToList();
        var hashes = query.Bool("embed_contact_hash", false);
        if (query.Failed)
        {
            return MaileonResponses.BadRequest(query.Error);
        }

        lock (store.Gate)
        {
            var account = store.FindAccount(AuthenticatedAccount.From(http).AccountId)!;
            var rows = filter(account).ToList();
            MaileonResponses.Paging(http, rows.Count, size);
            return MaileonResponses.Xml(new XElement(report.Root, rows.Skip((index - 1) * size).Take(size).Select(row =>
                Row(row.Event, row.Contact, time, standardFields, customFields, hashes))));
        }
    }

    private static IResult Count(HttpContext http, MaileonStore store, Report report)
    {
        var query = new QueryReader(http.Request);
        var filter = Filter(query, report);
        if (query.Failed)
        {
            return MaileonResponses.BadRequest(query.Error);
        }

        lock (store.Gate)
        {
            return MaileonResponses.Count(filter(store.FindAccount(AuthenticatedAccount.From(http).AccountId)!).Count());
        }
    }

    /// <summary>Element order as the official client's models write them (reports/Click.php, Bounce.php toXML).</summary>
    private static XElement Row(TrackingEvent tracking, MaileonContact? contact, MaileonTime time, IReadOnlyList<string> standardFields, IReadOnlyList<string> customFields, bool hashes)
    {
        var row = new XElement(tracking.Kind,
            contact is null ? new XElement("contact", new XAttribute("anonymous", "true")) : ContactElement(contact, standardFields, customFields),
            new XElement("mailing_id", tracking.MailingId),
            new XElement("timestamp", time.Seconds(tracking.Timestamp)));
        if (tracking.Kind == TrackingEvent.Bounce)
        {
            row.Add(new XElement("type", tracking.BounceType), new XElement("status_code", tracking.StatusCode), new XElement("source", tracking.Source),
                new XElement("msg_id", tracking.MessageId));
            return row;
        }

        if (tracking.Kind == TrackingEvent.Click)
        {
            row.Add(new XElement("link_id", tracking.LinkId), new XElement("link_url", tracking.LinkUrl));
        }

        if (contact is null && hashes)
        {
            row.Add(new XElement("contact_hash", ContactHash(tracking)));
        }

        row.Add(new XElement("msg_id", tracking.MessageId), new XElement("format", tracking.Format), new XElement("device_type", tracking.DeviceType));
        return row;
    }

    private static XElement ContactElement(MaileonContact contact, IReadOnlyList<string> standardFields, IReadOnlyList<string> customFields)
    {
        var element = new XElement("contact",
            new XElement("id", contact.Id),
            new XElement("email", contact.Email ?? string.Empty),
            new XElement("external_id", contact.ExternalId ?? string.Empty));
        if (standardFields.Count > 0)
        {
            element.Add(new XElement("standard_fields", standardFields.Select(name =>
                new XElement("field", new XElement("name", name), ContactXml.StandardValue(contact, name) is { } value
                    ? new XElement("value", value) : new XElement("value", new XAttribute("nil", "true"))))));
        }

        if (customFields.Count > 0)
        {
            element.Add(new XElement("custom_fields", customFields.Where(contact.CustomFields.ContainsKey).Select(name =>
                new XElement("field", new XElement("name", name), new XElement("value", contact.CustomFields[name])))));
        }

        return element;
    }

    /// <summary>"A random number that is the same for a contact within each sendout" (docs): derived from the message.</summary>
    private static long ContactHash(TrackingEvent tracking) =>
        (BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"{tracking.MailingId}:{tracking.ContactId}")), 0) & long.MaxValue) % 1_000_000_000;

    private static Func<NewsletterAccount, IEnumerable<(TrackingEvent Event, MaileonContact? Contact)>> Filter(QueryReader query, Report report)
    {
        var from = query.Long("from_date");
        var to = query.Long("to_date");
        var mailings = Longs(query, "mailing_id");
        var ids = Longs(query, "ids");
        var emails = query.All("emails").ToHashSet(StringComparer.OrdinalIgnoreCase);
        var externalIds = query.All("eids").ToHashSet(StringComparer.Ordinal);
        var excludeAnonymous = query.Bool(report.ExcludeParameter, true);
        var format = Choice(query, "format", "html", "text");
        var devices = query.All("device_type").ToHashSet(StringComparer.Ordinal);
        var links = Longs(query, "link_id");
        var linkUrl = query.String("link_url");
        var statusCodes = query.All("status_code").ToHashSet(StringComparer.Ordinal);
        var bounceType = Choice(query, "type", "permanent", "transient");
        var source = Choice(query, "source_filter", "mta-listener", "reply");
        return account => account.Tracking
            .Where(t => t.Kind == report.Kind)
            .Where(t => (from is null || t.Timestamp.ToUnixTimeMilliseconds() >= from) && (to is null || t.Timestamp.ToUnixTimeMilliseconds() < to))
            .Where(t => mailings.Count == 0 || mailings.Contains(t.MailingId))
            .Where(t => (format is null || t.Format == format) && (devices.Count == 0 || devices.Contains(t.DeviceType)))
            .Where(t => (links.Count == 0 || links.Contains(t.LinkId ?? -1)) && (linkUrl is null || t.LinkUrl == linkUrl))
            .Where(t => (statusCodes.Count == 0 || statusCodes.Contains(t.StatusCode ?? string.Empty)) && (bounceType is null || t.BounceType == bounceType))
            .Where(t => source is null || t.Source == source)
            .OrderBy(t => t.Timestamp).ThenBy(t => t.Id)
            .Select(t => (Event: t, Contact: Attributed(account, t)))
            .Where(r => !excludeAnonymous || r.Contact is not null)
            .Where(r => ids.Count == 0 || (r.Contact is not null && ids.Contains(r.Contact.Id)))
            .Where(r => emails.Count == 0 || (r.Contact?.Email is { } email && emails.Contains(email)))
            .Where(r => externalIds.Count == 0 || (r.Contact?.ExternalId is { } externalId && externalIds.Contains(externalId)));
    }

    /// <summary>The contact a row is tied to: none without single-user tracking or after anonymisation.</summary>
    private static MaileonContact? Attributed(NewsletterAccount account, TrackingEvent tracking) =>
        tracking.Personal && account.Contacts.GetValueOrDefault(tracking.ContactId) is { Anonymous: false } contact ? contact : null;

    private static HashSet<long> Longs(QueryReader query, string name)
    {
        var values = new HashSet<long>();
        foreach (var text in query.All(name))
        {
            if (long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                values.Add(value);
            }
            else
            {
                query.Fail($"Parameter {name} must be a number but was '{text}'.");
            }
        }

        return values;
    }

    private static string? Choice(QueryReader query, string name, params string[] allowed)
    {
        var value = query.String(name);
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            query.Fail($"Parameter {name} must be one of {string.Join(", ", allowed)} but was '{value}'.");
        }

        return value;
    }
}
