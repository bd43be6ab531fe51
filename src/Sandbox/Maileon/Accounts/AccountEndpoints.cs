using System.Text.Json.Nodes;
using System.Xml.Linq;
using PipedriveMaileon.Sandbox.Maileon.Wire;

namespace PipedriveMaileon.Sandbox.Maileon.Accounts;

/// <summary><c>/ping</c> (all four verbs, each checking that verb's privilege) and <c>/account/info</c>.</summary>
public static class AccountEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        // GET|POST|PUT|DELETE /ping → 200, no body; the key's privilege for that verb is what is tested
        // (docs: "Ping" get/post/put/delete test pages; PHP client utils/PingService.php reads the status only).
        api.MapMethods("/ping", ["GET", "POST", "PUT", "DELETE"], () => Results.StatusCode(StatusCodes.Status200OK));

        // GET /account/info → 200, application/json for Accept: application/json, else <account_info> as
        // application/xml ("Valid Accept header values are application/xml or application/json. By default XML is
        // returned." — docs: "Get Account Information"; PHP client account/AccountService.php asks for JSON).
        api.MapGet("/account/info", AccountInfo);
    }

    private static IResult AccountInfo(HttpContext http, MaileonStore store, MaileonTime time)
    {
        NewsletterAccount account;
        lock (store.Gate)
        {
            account = store.FindAccount(AuthenticatedAccount.From(http).AccountId)!;
        }

        var created = time.ToLocal(account.Created).ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)
            + FormatOffset(account.Created, time);
        if (MaileonResponses.PrefersJson(http.Request))
        {
            return MaileonResponses.JsonBody(new JsonObject
            {
                ["mailing_domain"] = account.MailingDomain,
                ["id"] = account.Id,
                ["customer_account_id"] = account.CustomerAccountId,
                ["created"] = created,
                ["customer_account_name"] = account.CustomerAccountName,
                ["name"] = account.Name,
                ["login_domain"] = account.LoginDomain,
                ["locale"] = account.Locale,
                ["type"] = account.Type,
            });
        }

        // The element order of the docs' XML example.
        return MaileonResponses.Xml(
            new XElement("account_info",
                new XElement("id", account.Id),
                new XElement("customer_account_id", account.CustomerAccountId),
                new XElement("created", created),
                new XElement("customer_account_name", account.CustomerAccountName),
                new XElement("locale", account.Locale),
                new XElement("mailing_domain", account.MailingDomain),
                new XElement("name", account.Name),
                new XElement("login_domain", account.LoginDomain),
                new XElement("type", account.Type)),
            mediaType: MaileonResponses.PlainXmlMediaType);
    }

    /// <summary>Maileon writes offsets as <c>+0200</c> (no colon).</summary>
    private static string FormatOffset(DateTimeOffset instant, MaileonTime time)
    {
        var offset = time.ToLocal(instant) - instant.UtcDateTime;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var absolute = offset.Duration();
        return $"{sign}{absolute.Hours:00}{absolute.Minutes:00}";
    }
}
