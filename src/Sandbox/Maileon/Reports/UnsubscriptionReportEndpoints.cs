using System.Xml.Linq;
using PipedriveMaileon.Sandbox.Maileon.Accounts;
using PipedriveMaileon.Sandbox.Maileon.Wire;

namespace PipedriveMaileon.Sandbox.Maileon.Reports;

/// <summary>
/// <c>GET /reports/unsubscriptions</c> (paged) and <c>/count</c>: <c>from_date</c> (inclusive) and <c>to_date</c>
/// (exclusive) in epoch milliseconds, filters <c>ids</c>, <c>emails</c>, <c>eids</c>, <c>source</c>. Reconciliation reads
/// unsubscriptions here; DOI confirmations it finds through <c>GET /contacts?updated_after=…</c>.
/// </summary>
public static class UnsubscriptionReportEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        // GET /reports/unsubscriptions → 200 <unsubscriptions><unsubscription><timestamp>yyyy-mm-dd hh:mm:ss</timestamp>
        // <contact><id/><email/><external_id/></contact>[<mailing_id/>][<msg_id/>]<source/>… + X-Items/X-Pages; /count →
        // <count> (docs: "Get Unsubscriptions"; PHP ReportsService::getUnsubscribers, reports/Unsubscriber.php).
        api.MapGet("/reports/unsubscriptions", List);
        api.MapGet("/reports/unsubscriptions/count", Count);
    }

    private static IResult List(HttpContext http, MaileonStore store, MaileonTime time)
    {
        var query = new QueryReader(http.Request);
        var (index, size) = query.Page(100);
        var filter = Filter(query);
        if (query.Failed)
        {
            return MaileonResponses.BadRequest(query.Error);
        }

        lock (store.Gate)
        {
            var matching = filter(store.FindAccount(AuthenticatedAccount.From(http).AccountId)!).ToList();
            MaileonResponses.Paging(http, matching.Count, size);
            return MaileonResponses.Xml(new XElement("unsubscriptions", matching.Skip((index - 1) * size).Take(size).Select(u =>
                new XElement("unsubscription",
                    new XElement("timestamp", time.Seconds(u.Timestamp)),
                    new XElement("contact",
                        new XElement("id", u.ContactId),
                        new XElement("email", u.Email ?? string.Empty),
                        new XElement("external_id", u.ExternalId ?? string.Empty)),
                    u.MailingId is { } mailing ? new XElement("mailing_id", mailing) : null,
                    u.MessageId is { } message ? new XElement("msg_id", message) : null,
                    new XElement("source", u.Source)))));
        }
    }

    private static IResult Count(HttpContext http, MaileonStore store)
    {
        var query = new QueryReader(http.Request);
        var filter = Filter(query);
        if (query.Failed)
        {
            return MaileonResponses.BadRequest(query.Error);
        }

        lock (store.Gate)
        {
            return MaileonResponses.Count(filter(store.FindAccount(AuthenticatedAccount.From(http).AccountId)!).Count());
        }
    }

    private static Func<NewsletterAccount, IEnumerable<Unsubscription>> Filter(QueryReader query)
    {
        var from = query.Long("from_date");
        var to = query.Long("to_date");
        var ids = query.All("ids").Select(v => long.TryParse(v, out var id) ? id : -1).ToHashSet();
        var emails = query.All("emails").ToHashSet(StringComparer.OrdinalIgnoreCase);
        var externalIds = query.All("eids").ToHashSet(StringComparer.Ordinal);
        var source = query.String("source");
        return account => account.Unsubscriptions
            .Where(u => from is null || u.Timestamp.ToUnixTimeMilliseconds() >= from)
            .Where(u => to is null || u.Timestamp.ToUnixTimeMilliseconds() < to)
            .Where(u => ids.Count == 0 || ids.Contains(u.ContactId))
            .Where(u => emails.Count == 0 || (u.Email is not null && emails.Contains(u.Email)))
            .Where(u => externalIds.Count == 0 || (u.ExternalId is not null && externalIds.Contains(u.ExternalId)))
            .Where(u => string.IsNullOrEmpty(source) || u.Source == source)
            .OrderBy(u => u.Timestamp);
    }
}
