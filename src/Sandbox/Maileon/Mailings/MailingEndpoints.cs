using System.Xml.Linq;
using PipedriveMaileon.Sandbox.Maileon.Accounts;
using PipedriveMaileon.Sandbox.Maileon.Wire;

namespace PipedriveMaileon.Sandbox.Maileon.Mailings;

/// <summary>
/// The mailing resources an integration reads: create, subject, state, and the lists by state and by type. Sending
/// and the recipients' actions are the control API's (<c>/_sandbox/maileon/mailings</c>): a real sendout needs
/// content, target groups and a mail server the sandbox does not have.
/// </summary>
public static class MailingEndpoints
{
    /// <summary>The fields a mailing list may return, in the order Maileon writes them (docs: "Get Mailings By Creator Name" example).</summary>
    private static readonly string[] ListFields = ["name", "state", "type", "scheduleTime"];

    public static void Map(RouteGroupBuilder api)
    {
        // POST /mailings?name&subject[&type][&editorVersion], empty body → 201 <id>4317</id> (docs: "Create Mailing";
        // PHP MailingsService::createMailing). Duplicate name → 409 (the docs say names are unique, not the status).
        api.MapPost("/mailings", Create);

        // GET /mailings/{id}/contents/subject → 200 <subject>…</subject> | 404 <error><message>Mailing with id 3108 not
        // found.</message></error> (PHP MailingsService::getSubject, XMLDeserializer 'subject'; 404 text from the docs'
        // "Mailing – Get results for Bounce Quality Check" example).
        api.MapGet("/mailings/{id:long}/contents/subject", (long id, HttpContext http, MaileonStore store) =>
            WithMailing(http, store, id, m => MaileonResponses.Xml(new XElement("subject", m.Subject))));

        // GET /mailings/{id}/state → 200 <state>done</state> (PHP MailingsService::getState, XMLDeserializer 'state').
        api.MapGet("/mailings/{id:long}/state", (long id, HttpContext http, MaileonStore store) =>
            WithMailing(http, store, id, m => MaileonResponses.Xml(new XElement("state", m.State))));

        // GET /mailings/filter/states?states*&fields*&page_index&page_size&orderBy&order → 200 <mailings><mailing><id/>
        // <fields>…</fields></mailing></mailings> + X-Items/X-Pages (docs: "Get Mailings By States"; PHP
        // getMailingsByStates, mailings/Mailing.php). /filter/types likewise with types* (docs: "Get Mailings By Types").
        api.MapGet("/mailings/filter/states", (HttpContext http, MaileonStore store, MaileonTime time) =>
            List(http, store, time, "states", MailingStates.All, m => m.State));
        api.MapGet("/mailings/filter/types", (HttpContext http, MaileonStore store, MaileonTime time) =>
            List(http, store, time, "types", MailingStates.Types, m => m.Type));
    }

    public static XElement Describe(Mailing mailing, IReadOnlyCollection<string> fields, MaileonTime time) =>
        new("mailing",
            new XElement("id", mailing.Id),
            new XElement("fields", ListFields.Where(fields.Contains).Select(name => new XElement("field",
                new XElement("name", name),
                name switch
                {
                    "name" => new XElement("value", mailing.Name),
                    "state" => new XElement("value", mailing.State),
                    "type" => new XElement("value", mailing.Type),
                    _ => mailing.SentAt is { } sent ? new XElement("value", time.Seconds(sent)) : new XElement("value", new XAttribute("nil", "true")),
                }))));

    private static IResult Create(HttpContext http, MailingService mailings)
    {
        var query = new QueryReader(http.Request);
        var outcome = mailings.Create(AuthenticatedAccount.From(http).AccountId, query.String("name"), query.String("subject"),
            query.String("type"), query.String("editorVersion"));
        return outcome.Failed ? MaileonResponses.Error(outcome.Status, outcome.Error!) : MaileonResponses.Id(outcome.MailingId!.Value);
    }

    private static IResult WithMailing(HttpContext http, MaileonStore store, long id, Func<Mailing, IResult> answer)
    {
        lock (store.Gate)
        {
            var account = store.FindAccount(AuthenticatedAccount.From(http).AccountId)!;
            return account.Mailings.TryGetValue(id, out var mailing) ? answer(mailing) : MaileonResponses.NotFound($"Mailing with id {id} not found.");
        }
    }

    private static IResult List(HttpContext http, MaileonStore store, MaileonTime time, string filter, IReadOnlyList<string> valid, Func<Mailing, string> value)
    {
        var query = new QueryReader(http.Request);
        var (index, size) = query.Page(100);
        var wanted = query.All(filter);
        var fields = query.All("fields");
        var orderBy = query.String("orderBy") ?? "id";
        var descending = string.Equals(query.String("order"), "DESC", StringComparison.OrdinalIgnoreCase);
        var problem = wanted.FirstOrDefault(w => !valid.Contains(w, StringComparer.Ordinal)) is { } badValue ? $"Invalid value '{badValue}' for {filter}: use {string.Join(", ", valid)}."
            : fields.FirstOrDefault(f => !ListFields.Contains(f, StringComparer.Ordinal)) is { } badField ? $"Invalid field '{badField}': use {string.Join(", ", ListFields)}."
            : orderBy is not ("id" or "state" or "name" or "schedule_time") ? $"Invalid orderBy '{orderBy}': use id, state, name or schedule_time."
            : query.String("order") is { } order && !order.Equals("ASC", StringComparison.OrdinalIgnoreCase) && !descending ? $"Invalid order '{order}': use ASC or DESC."
            : query.Error;
        if (problem is not null)
        {
            return MaileonResponses.BadRequest(problem);
        }

        lock (store.Gate)
        {
            var account = store.FindAccount(AuthenticatedAccount.From(http).AccountId)!;
            var matching = account.Mailings.Values.Where(m => wanted.Count == 0 || wanted.Contains(value(m)));
            Func<Mailing, object> key = orderBy switch
            {
                "state" => m => m.State,
                "name" => m => m.Name,
                "schedule_time" => m => m.SentAt ?? DateTimeOffset.MinValue,
                _ => m => m.Id,
            };
            var sorted = (descending ? matching.OrderByDescending(key) : matching.OrderBy(key)).ThenBy(m => m.Id).ToList();
            MaileonResponses.Paging(http, sorted.Count, size);
            return MaileonResponses.Xml(new XElement("mailings", sorted.Skip((index - 1) * size).Take(size).Select(m => Describe(m, fields.ToHashSet(), time))));
        }
    }
}
