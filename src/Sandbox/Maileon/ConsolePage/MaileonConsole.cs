using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using PipedriveMaileon.Sandbox.Maileon.Contacts;
using PipedriveMaileon.Sandbox.Maileon.Wire;

namespace PipedriveMaileon.Sandbox.Maileon.ConsolePage;

/// <summary>
/// The Maileon console (<c>/maileon</c>): accounts and keys, contacts with their permission, the recipient's
/// buttons (confirm DOI, unsubscribe via the mail link), mailings with their opens, clicks and bounces
/// (<see cref="MailingConsole"/>), DOI mails, transactions per type and webhook deliveries.
/// Plain server-rendered HTML with forms; everything rendered is HTML-encoded and URL query values are masked
/// (webhook URLs carry tenant secrets).
/// </summary>
public static class MaileonConsole
{
    private const int ShownRows = 100;

    public static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/", Render);
        console.MapGet("/doi/{token}", FollowConfirmationLink);
        console.MapPost("/actions/confirm", ConfirmAsync);
        console.MapPost("/actions/unsubscribe", UnsubscribeAsync);
        console.MapPost("/actions/keys", CreateKeyAsync);
        console.MapPost("/actions/keys/{id:long}/toggle", ToggleKey);
        console.MapPost("/actions/accounts/{id:long}/toggle-block", ToggleBlock);
        MailingConsole.Map(console);
    }

    private static IResult Render(MaileonStore store, MaileonTime time, string? message)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Maileon sandbox</title><style>")
            .Append("body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;margin-bottom:1.5em}")
            .Append("td,th{border:1px solid #ccc;padding:.25em .5em;font-size:.9em;vertical-align:top}th{background:#eee}")
            .Append(".ok{color:#070}.bad{color:#b00}form{display:inline}code{font-size:.85em}")
            .Append("</style></head><body><h1>Maileon sandbox</h1><p><a href=\"/\">sandbox home</a></p>");
        if (!string.IsNullOrEmpty(message))
        {
            html.Append("<p><strong>").Append(E(message)).Append("</strong></p>");
        }

        lock (store.Gate)
        {
            var accounts = store.Accounts.OrderBy(a => a.Id).ToList();
            html.Append("<h2>Newsletter accounts and API keys</h2><table><tr><th>account</th><th>keys</th><th>new key</th></tr>");
            foreach (var account in accounts)
            {
                html.Append("<tr><td>").Append(account.Id).Append(" ").Append(E(account.Name))
                    .Append(account.Blocked ? " <span class=\"bad\">(blocked)</span>" : string.Empty)
                    .Append("<br>DOI mailings: ").Append(E(string.Join(", ", account.DoiMailingKeys)))
                    .Append("<br>").Append(Button($"/maileon/actions/accounts/{account.Id}/toggle-block", account.Blocked ? "unblock account" : "block account"))
                    .Append("</td><td>");
                foreach (var key in store.ApiKeys.Where(k => k.AccountId == account.Id))
                {
                    html.Append("<code>").Append(E(key.Key)).Append("</code> ").Append(E(string.Join("/", key.Methods)))
                        .Append(key.ExpiresAt is { } expiry ? " expires " + E(expiry.ToString("u", CultureInfo.InvariantCulture)) : string.Empty)
                        .Append(key.Deactivated ? " <span class=\"bad\">deactivated</span>" : string.Empty)
                        .Append(' ').Append(Button($"/maileon/actions/keys/{key.Id}/toggle", key.Deactivated ? "activate" : "deactivate"))
                        .Append("<br>");
                }

                html.Append("</td><td><form method=\"post\" action=\"/maileon/actions/keys\"><input type=\"hidden\" name=\"accountId\" value=\"")
                    .Append(account.Id).Append("\">");
                foreach (var method in Accounts.ApiKey.AllMethods)
                {
                    html.Append("<label><input type=\"checkbox\" name=\"methods\" value=\"").Append(method).Append("\" checked>").Append(method).Append("</label> ");
                }

                html.Append("<label>expires (UTC) <input name=\"expiresAt\" placeholder=\"2026-12-31T00:00:00Z\" size=\"20\"></label> ")
                    .Append("<label><input type=\"checkbox\" name=\"deactivated\" value=\"true\">deactivated</label> ")
                    .Append("<button>create key</button></form></td></tr>");
            }

            html.Append("</table>");
            foreach (var account in accounts)
            {
                RenderAccount(html, account, time);
            }

            html.Append("<h2>Webhook deliveries (latest first)</h2><table><tr><th>#</th><th>sent</th><th>event</th><th>url</th><th>attempt</th><th>answer</th><th>body</th></tr>");
            foreach (var delivery in store.Deliveries.Reverse().Take(ShownRows))
            {
                html.Append("<tr><td>").Append(delivery.Sequence).Append("</td><td>").Append(E(time.Seconds(delivery.SentAt)))
                    .Append("</td><td>").Append(E(delivery.Event)).Append("</td><td><code>").Append(E(MaskQuery(delivery.Url)))
                    .Append("</code></td><td>").Append(delivery.Attempt).Append(delivery.WillRetry ? " (will retry)" : string.Empty)
                    .Append("</td><td class=\"").Append(delivery.Status is >= 200 and < 300 ? "ok" : "bad").Append("\">")
                    .Append(E(delivery.Status?.ToString(CultureInfo.InvariantCulture) ?? delivery.Error ?? "no answer"))
                    .Append("</td><td><code>").Append(E(delivery.Body ?? "(no body)")).Append("</code></td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("</body></html>");
        return Results.Content(html.ToString(), "text/html", Encoding.UTF8);
    }

    private static void RenderAccount(StringBuilder html, Accounts.NewsletterAccount account, MaileonTime time)
    {
        html.Append("<h2>Account ").Append(account.Id).Append(": ").Append(E(account.Name)).Append("</h2>");
        html.Append("<h3>Contacts</h3><table><tr><th>id</th><th>email</th><th>external id</th><th>permission</th><th>updated</th><th>fields</th><th>recipient actions</th></tr>");
        foreach (var contact in account.Contacts.Values.OrderByDescending(c => c.Id).Take(ShownRows))
        {
            html.Append("<tr><td>").Append(contact.Id).Append("</td><td>").Append(E(contact.Email ?? "(anonymised)"))
                .Append("</td><td>").Append(E(contact.ExternalId ?? string.Empty))
                .Append("</td><td>").Append(contact.Anonymous ? "unsubscribed" : E(Permission.TypeName(contact.Permission).ToUpperInvariant()))
                .Append(" (").Append(contact.Permission).Append(')').Append(contact.PendingDoiMailId is not null ? " – DOI pending" : string.Empty)
                .Append("</td><td>").Append(E(time.ContactTimestamp(contact.Updated)))
                .Append("</td><td>").Append(E(string.Join(", ", contact.StandardFields.Concat(contact.CustomFields).Select(f => $"{f.Key}={f.Value}"))))
                .Append("</td><td>");
            if (contact.PendingDoiMailId is { } mailId)
            {
                html.Append(Button("/maileon/actions/confirm", "confirm DOI", ("mailId", mailId.ToString(CultureInfo.InvariantCulture))));
            }

            if (!contact.Anonymous)
            {
                html.Append(Button("/maileon/actions/unsubscribe", "unsubscribe (mail link)",
                    ("accountId", account.Id.ToString(CultureInfo.InvariantCulture)), ("contactId", contact.Id.ToString(CultureInfo.InvariantCulture))));
            }

            html.Append("</td></tr>");
        }

        html.Append("</table>");
        MailingConsole.Render(html, account, time);
        html.Append("<h3>DOI mails sent</h3><table><tr><th>msg id</th><th>requested</th><th>to</th><th>mailing</th><th>src</th><th>DOI+</th><th>state</th></tr>");
        foreach (var mail in Enumerable.Reverse(account.DoiMails).Take(ShownRows))
        {
            var state = !mail.Sent ? $"not sent: {mail.Problem}"
                : mail.ConfirmedAt is { } confirmed ? $"confirmed {time.Seconds(confirmed)}"
                : mail.Superseded ? "superseded" : "waiting for the click";
            html.Append("<tr><td>").Append(mail.Id).Append("</td><td>").Append(E(time.Seconds(mail.RequestedAt)))
                .Append("</td><td>").Append(E(mail.Email)).Append("</td><td>").Append(E(mail.MailingKey ?? "(default)"))
                .Append("</td><td>").Append(E(mail.Src ?? string.Empty)).Append("</td><td>").Append(mail.DoiPlus ? "yes" : "no")
                .Append("</td><td>").Append(E(state));
            if (mail.Sent && mail.ConfirmedAt is null && !mail.Superseded)
            {
                html.Append(" <a href=\"/maileon/doi/").Append(E(mail.Token)).Append("\">confirmation link</a>");
            }

            html.Append("</td></tr>");
        }

        html.Append("</table><h3>Transactions (contact events) per type</h3><table><tr><th>type</th><th>events</th><th>latest events</th></tr>");
        foreach (var type in account.TransactionTypes.Values.OrderBy(t => t.Id))
        {
            var events = account.Transactions.Where(t => t.TypeId == type.Id).ToList();
            html.Append("<tr><td>").Append(type.Id).Append(' ').Append(E(type.Name)).Append("<br><small>")
                .Append(E(string.Join(", ", type.Attributes.Select(a => $"{a.Name}:{a.Type}{(a.Required ? "*" : string.Empty)}"))))
                .Append("</small></td><td>").Append(events.Count).Append("</td><td>");
            foreach (var transaction in Enumerable.Reverse(events).Take(10))
            {
                html.Append(E(time.Seconds(transaction.ReceivedAt))).Append(' ').Append(E(transaction.Email ?? $"#{transaction.ContactId}"))
                    .Append(transaction.Imported ? " <span class=\"bad\">(import)</span>" : string.Empty)
                    .Append(" <code>").Append(E(transaction.Content.ToJsonString())).Append("</code><br>");
            }

            html.Append("</td></tr>");
        }

        html.Append("</table><h3>Webhooks</h3><table><tr><th>id</th><th>event</th><th>url</th><th>url params</th><th>body fields</th></tr>");
        foreach (var webhook in account.Webhooks.Values.OrderBy(w => w.Id))
        {
            html.Append("<tr><td>").Append(webhook.Id).Append("</td><td>").Append(E(webhook.Event)).Append("</td><td><code>")
                .Append(E(MaskQuery(webhook.Url))).Append("</code></td><td>")
                .Append(E(string.Join(", ", webhook.UrlParams.Select(p => $"{p.Name}←{p.StandardContactField ?? p.CustomContactField ?? "(constant)"}"))))
                .Append("</td><td>").Append(E(string.Join(", ", webhook.StandardFields.Concat(webhook.CustomFields).Concat(webhook.EventFields))))
                .Append("</td></tr>");
        }

        html.Append("</table>");
    }

    private static IResult FollowConfirmationLink(string token, MaileonStore store, ContactService contacts)
    {
        long accountId;
        long mailId;
        lock (store.Gate)
        {
            var owner = store.Accounts.Select(a => (Account: a, Mail: a.DoiMails.FirstOrDefault(m => m.Token == token))).FirstOrDefault(x => x.Mail is not null);
            if (owner.Mail is null)
            {
                return Page(StatusCodes.Status404NotFound, "This confirmation link is not valid.");
            }

            (accountId, mailId) = (owner.Account.Id, owner.Mail.Id);
        }

        var outcome = contacts.ConfirmDoi(accountId, mailId);
        return outcome.Failed
            ? Page(outcome.Status, outcome.Error!)
            : Page(StatusCodes.Status200OK, outcome.Ignored ? "Your subscription was already confirmed." : "Thank you, your subscription is confirmed.");
    }

    private static async Task<IResult> ConfirmAsync(HttpContext http, MaileonStore store, ContactService contacts)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (!long.TryParse(form["mailId"], CultureInfo.InvariantCulture, out var mailId))
        {
            return Back("No DOI mail given.");
        }

        long? accountId;
        lock (store.Gate)
        {
            accountId = store.Accounts.FirstOrDefault(a => a.DoiMails.Any(m => m.Id == mailId))?.Id;
        }

        if (accountId is null)
        {
            return Back($"DOI mail {mailId} not found.");
        }

        var outcome = contacts.ConfirmDoi(accountId.Value, mailId);
        return Back(outcome.Failed ? outcome.Error! : $"DOI confirmed for contact {outcome.ContactId}.");
    }

    private static async Task<IResult> UnsubscribeAsync(HttpContext http, ContactService contacts)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (!long.TryParse(form["accountId"], CultureInfo.InvariantCulture, out var accountId)
            || !long.TryParse(form["contactId"], CultureInfo.InvariantCulture, out var contactId))
        {
            return Back("No contact given.");
        }

        var outcome = contacts.Unsubscribe(accountId, account => account.Contacts.GetValueOrDefault(contactId) is { Anonymous: false } c ? [c] : [],
            "link", [], $"Contact {contactId} not found.");
        return Back(outcome.Failed ? outcome.Error! : $"Contact {contactId} unsubscribed via the mail link.");
    }

    private static async Task<IResult> CreateKeyAsync(HttpContext http, MaileonStore store)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (!long.TryParse(form["accountId"], CultureInfo.InvariantCulture, out var accountId))
        {
            return Back("No account given.");
        }

        DateTimeOffset? expiresAt = null;
        if (form["expiresAt"].ToString() is { Length: > 0 } expiryText)
        {
            if (!DateTimeOffset.TryParse(expiryText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expiry))
            {
                return Back($"Cannot read the expiry '{expiryText}'.");
            }

            expiresAt = expiry;
        }

        lock (store.Gate)
        {
            if (store.FindAccount(accountId) is null)
            {
                return Back($"Account {accountId} not found.");
            }

            var methods = form["methods"].Where(m => !string.IsNullOrEmpty(m)).Select(m => m!).ToList();
            var key = store.CreateKey(accountId, null, methods, expiresAt, form["deactivated"] == "true", "created in the console");
            return Back($"API key {key.Id} created.");
        }
    }

    private static IResult ToggleKey(long id, MaileonStore store)
    {
        lock (store.Gate)
        {
            var key = store.FindKeyById(id);
            if (key is null)
            {
                return Back($"API key {id} not found.");
            }

            key.Deactivated = !key.Deactivated;
            return Back($"API key {id} {(key.Deactivated ? "deactivated" : "activated")}.");
        }
    }

    private static IResult ToggleBlock(long id, MaileonStore store)
    {
        lock (store.Gate)
        {
            var account = store.FindAccount(id);
            if (account is null)
            {
                return Back($"Account {id} not found.");
            }

            account.Blocked = !account.Blocked;
            return Back($"Account {id} {(account.Blocked ? "blocked" : "unblocked")}.");
        }
    }

    /// <summary>Shows scheme, host and path, and only the names of query parameters.</summary>
    public static string MaskQuery(string url)
    {
        var question = url.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return url;
        }

        var names = url[(question + 1)..].Split('&').Select(pair => pair.Split('=', 2)[0] + "=***");
        return url[..question] + "?" + string.Join("&", names);
    }

    private static string Button(string action, string label, params (string Name, string Value)[] fields)
    {
        var html = new StringBuilder("<form method=\"post\" action=\"").Append(E(action)).Append("\">");
        foreach (var (name, value) in fields)
        {
            html.Append("<input type=\"hidden\" name=\"").Append(E(name)).Append("\" value=\"").Append(E(value)).Append("\">");
        }

        return html.Append("<button>").Append(E(label)).Append("</button></form> ").ToString();
    }

    private static IResult Back(string message) => Results.Redirect("/maileon?message=" + Uri.EscapeDataString(message));

    private static IResult Page(int status, string text) => Results.Content(
        $"<!doctype html><html><head><meta charset=\"utf-8\"><title>Maileon</title></head><body><p>{E(text)}</p><p><a href=\"/maileon\">Maileon console</a></p></body></html>",
        "text/html", Encoding.UTF8, status);

    private static string E(string text) => HtmlEncoder.Default.Encode(text);
}
