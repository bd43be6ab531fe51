using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using PipedriveMaileon.Sandbox.Maileon.Accounts;
using PipedriveMaileon.Sandbox.Maileon.Mailings;
using PipedriveMaileon.Sandbox.Maileon.Reports;
using PipedriveMaileon.Sandbox.Maileon.Wire;

namespace PipedriveMaileon.Sandbox.Maileon.ConsolePage;

/// <summary>
/// The console's mailings section of an account: create a mailing, send it to every DOI/DOI+ contact, and act as a
/// recipient (opens, a click, a hard or soft bounce), with the counts the reports show. Everything is HTML-encoded.
/// </summary>
public static class MailingConsole
{
    public static void Map(RouteGroupBuilder console)
    {
        console.MapPost("/actions/mailings", CreateAsync);
        console.MapPost("/actions/mailings/{id:long}/send", SendAsync);
        console.MapPost("/actions/mailings/{id:long}/tracking", TrackAsync);
    }

    public static void Render(StringBuilder html, NewsletterAccount account, MaileonTime time)
    {
        html.Append("<h3>Mailings</h3><table><tr><th>id</th><th>name / subject</th><th>state</th><th>recipients</th>")
            .Append("<th>opens (personal)</th><th>clicks (personal)</th><th>bounces hard / soft</th><th>actions</th></tr>");
        foreach (var mailing in account.Mailings.Values.OrderByDescending(m => m.Id))
        {
            var tracking = account.Tracking.Where(t => t.MailingId == mailing.Id).ToList();
            int Count(string kind, bool personalOnly) => tracking.Count(t => t.Kind == kind && (!personalOnly || t.Personal));
            html.Append("<tr><td>").Append(mailing.Id).Append("</td><td>").Append(E(mailing.Name)).Append("<br><em>").Append(E(mailing.Subject))
                .Append("</em></td><td>").Append(E(mailing.State)).Append(mailing.SentAt is { } sent ? " " + E(time.Seconds(sent)) : string.Empty)
                .Append("</td><td>").Append(mailing.Recipients.Count)
                .Append("</td><td>").Append(Count(TrackingEvent.Open, false)).Append(" (").Append(Count(TrackingEvent.Open, true)).Append(')')
                .Append("</td><td>").Append(Count(TrackingEvent.Click, false)).Append(" (").Append(Count(TrackingEvent.Click, true)).Append(')')
                .Append("</td><td>").Append(tracking.Count(t => t.BounceType == "permanent")).Append(" / ").Append(tracking.Count(t => t.BounceType == "transient"))
                .Append("</td><td>");
            if (!mailing.IsSealed)
            {
                html.Append("<form method=\"post\" action=\"/maileon/actions/mailings/").Append(mailing.Id).Append("/send\">")
                    .Append("<input name=\"links\" placeholder=\"tracked links, comma-separated\" size=\"30\"> <button>send to all DOI/DOI+ contacts</button></form>");
            }
            else
            {
                html.Append("<form method=\"post\" action=\"/maileon/actions/mailings/").Append(mailing.Id).Append("/tracking\">")
                    .Append("<input name=\"email\" placeholder=\"recipient email\" required> <input name=\"opens\" value=\"1\" size=\"3\"> opens ")
                    .Append("<input name=\"click\" placeholder=\"clicked URL\" size=\"24\"> <select name=\"bounce\"><option value=\"\">no bounce</option>")
                    .Append("<option value=\"hard\">hard bounce</option><option value=\"soft\">soft bounce</option></select> <button>record</button></form>");
            }

            html.Append("</td></tr>");
        }

        html.Append("</table><form method=\"post\" action=\"/maileon/actions/mailings\"><input type=\"hidden\" name=\"accountId\" value=\"")
            .Append(account.Id).Append("\"><input name=\"name\" placeholder=\"mailing name\" required> <input name=\"subject\" placeholder=\"subject\" required size=\"30\"> ")
            .Append("<button>create mailing</button></form>");
    }

    private static async Task<IResult> CreateAsync(HttpContext http, MailingService mailings)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (!long.TryParse(form["accountId"], CultureInfo.InvariantCulture, out var accountId))
        {
            return Back("No account given.");
        }

        var outcome = mailings.Create(accountId, form["name"], form["subject"], null, null);
        return Back(outcome.Failed ? outcome.Error! : $"Mailing {outcome.MailingId} created.");
    }

    private static async Task<IResult> SendAsync(long id, HttpContext http, MaileonStore store, MailingService mailings)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var links = form["links"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var outcome = Owner(store, id) is { } accountId
            ? mailings.Send(accountId, id, new SendoutTarget(null, null, links))
            : MailingOutcome.Fail(StatusCodes.Status404NotFound, $"Mailing {id} not found.");
        return Back(outcome.Failed ? outcome.Error! : $"Mailing {id} sent to {outcome.Count} contacts.");
    }

    private static async Task<IResult> TrackAsync(long id, HttpContext http, MaileonStore store, MailingService mailings)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var opens = int.TryParse(form["opens"], CultureInfo.InvariantCulture, out var count) ? count : 0;
        var click = form["click"].ToString();
        var bounce = form["bounce"].ToString();
        var request = new TrackingRequest(form["email"], null, opens, click.Length > 0 ? [click] : null, bounce.Length > 0 ? bounce : null, null, null, null);
        var outcome = Owner(store, id) is { } accountId
            ? mailings.Track(accountId, id, [request])
            : MailingOutcome.Fail(StatusCodes.Status404NotFound, $"Mailing {id} not found.");
        return Back(outcome.Failed ? outcome.Error! : $"{outcome.Count} events recorded for mailing {id}.");
    }

    private static long? Owner(MaileonStore store, long mailingId)
    {
        lock (store.Gate)
        {
            return store.Accounts.FirstOrDefault(a => a.Mailings.ContainsKey(mailingId))?.Id;
        }
    }

    private static IResult Back(string message) => Results.Redirect("/maileon?message=" + Uri.EscapeDataString(message));

    private static string E(string text) => HtmlEncoder.Default.Encode(text);
}
