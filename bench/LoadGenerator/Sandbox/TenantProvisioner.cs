using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PipedriveMaileon.LoadGenerator.Load;

namespace PipedriveMaileon.LoadGenerator.Sandbox;

/// <summary>
/// Installs tenants the way an admin does, against the sandbox: a company in the Pipedrive emulator, the app's
/// OAuth install (authorize, approve, <c>GET /pipedrive/callback</c> on the web), a Maileon sandbox account, then
/// <c>POST /settings</c> with its API key, which makes the tenant register its webhooks with random Basic
/// credentials at the Pipedrive emulator, from where the bench reads them back.
/// </summary>
public sealed partial class TenantProvisioner(SandboxClient sandbox, Uri web, int seed)
{
    /// <summary>Installs one tenant; a reason instead when a step is missing or fails.</summary>
    public async Task<(BenchTenant? Tenant, string? Failure)> InstallAsync(int index)
    {
        var name = $"Bench company {seed}-{index}";
        var (company, failure) = await sandbox.PostJsonAsync(sandbox.Pipedrive, SandboxRoutes.PipedriveCompanies,
            new { name, adminName = $"Bench Admin {index}", adminEmail = $"admin{index}.s{seed}@bench.example" });
        if (company is null)
        {
            return (null, "create company: " + failure);
        }

        var companyId = SandboxClient.Long(company, "id", "companyId");
        var userId = SandboxClient.Long(company, "adminId", "admin_id", "userId") ?? SandboxClient.Long((company["users"] as JsonArray)?.FirstOrDefault(), "id");
        if (companyId is null || userId is null)
        {
            return (null, "create company: answer without id/adminId");
        }

        var (signedIn, signInFailure) = await SignInAsync(companyId.Value, userId.Value);
        if (signedIn is null)
        {
            return (null, signInFailure);
        }

        using var browser = signedIn;

        // 4. A Maileon account for this tenant, and the settings form saved with its key.
        var apiKey = Guid.NewGuid().ToString();
        var (account, accountFailure) = await sandbox.PostJsonAsync(sandbox.Maileon, SandboxRoutes.MaileonAccounts,
            new { name = $"Bench newsletter {seed}-{index}", apiKey, doiMailingKeys = new[] { "doi-default" } });
        if (account is null)
        {
            return (null, "create Maileon account: " + accountFailure);
        }

        var journalMark = await sandbox.JournalHeadAsync(ofMaileon: false);
        var settingsPage = await browser.GetStringAsync("/settings");
        var token = SessionField().Match(settingsPage);
        if (!token.Success)
        {
            return (null, "GET /settings: no session ticket in the form (no session after the callback?)");
        }

        using var save = await browser.PostAsync("/settings?handler=Save", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.MaileonApiKey"] = apiKey,
            ["Form.DoiMailingKey"] = "doi-default",
            // The first tenant grants DOI+ (single-user tracking), so the engagement phase has personal opens and clicks.
            ["Form.Permission"] = index == 0 ? "doiplus" : "doi",
            ["Form.DealEvents"] = "true",
            ["__session"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
        if ((int)save.StatusCode >= 400)
        {
            return (null, $"POST /settings answered {(int)save.StatusCode}");
        }

        if (index == 0 && await EnableEngagementAsync(browser) is { } engagementFailure)
        {
            return (null, engagementFailure);
        }

        // 5. The credentials the tenant registered its webhooks with: the emulator's control API masks the password,
        // so they are read from the journaled body of the app's own POST /v1/webhooks.
        var registrations = await sandbox.JournalAsync(false, journalMark) ?? [];
        var registration = registrations.LastOrDefault(e => e.Method == "POST" && e.Path.EndsWith("/v1/webhooks", StringComparison.Ordinal) && e.Status is >= 200 and < 300);
        var (user, password) = registration is null ? (null, null) : WebhookCredentials(registration.Body);
        if (user is null || password is null)
        {
            return (null, "read webhook credentials: no POST /v1/webhooks with http_auth_user/http_auth_password in the Pipedrive journal");
        }

        var (key, option) = await NewsletterFieldAsync(companyId.Value);
        return (new BenchTenant(
            companyId.Value,
            userId.Value,
            user,
            password,
            Installed: true,
            key ?? "newsletter",
            option ?? 1,
            SandboxClient.Long(account, "id")), null);
    }

    /// <summary>
    /// The app's OAuth install for an existing company, as its admin: a browser (cookies kept) signed in to the settings
    /// page, which the caller disposes; or the failing step.
    /// </summary>
    public async Task<(HttpClient? Browser, string? Failure)> SignInAsync(long companyId, long userId)
    {
        var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = web,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var failure = await AuthorizeAsync(browser, companyId, userId);
        if (failure is null)
        {
            return (browser, null);
        }

        browser.Dispose();
        return (null, failure);
    }

    /// <summary>The session ticket of a settings page (it doubles as the antiforgery token of its forms).</summary>
    public static string? SessionTicket(string settingsPage) =>
        SessionField().Match(settingsPage) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;

    private async Task<string?> AuthorizeAsync(HttpClient browser, long companyId, long userId)
    {
        // 1. The app sends the admin to Pipedrive's authorize page with a signed state.
        using var install = await browser.GetAsync("/pipedrive/install");
        if (install.Headers.Location is not { } authorize)
        {
            return $"GET /pipedrive/install answered {(int)install.StatusCode} without a redirect";
        }

        var query = System.Web.HttpUtility.ParseQueryString(authorize.Query);

        // 2. The admin approves (the emulator's consent page, driven through its control API).
        var (approval, approveFailure) = await sandbox.PostJsonAsync(sandbox.Pipedrive, SandboxRoutes.PipedriveApprove, new
        {
            companyId, userId, clientId = query["client_id"], redirectUri = query["redirect_uri"], state = query["state"],
        });
        var callback = SandboxClient.Text(approval, "location", "redirect", "redirectUrl");
        if (callback is null)
        {
            return "approve install: " + (approveFailure ?? "answer without redirect");
        }

        // 3. Pipedrive redirects the admin back to the app, which exchanges the code and opens a session.
        using var landed = await browser.GetAsync(callback);
        return (int)landed.StatusCode >= 400 ? $"GET /pipedrive/callback answered {(int)landed.StatusCode}" : null;
    }

    /// <summary>Switches engagement on (opens, clicks, hard bounces as notes) on the settings page; the failure, or null.</summary>
    private static async Task<string?> EnableEngagementAsync(HttpClient browser)
    {
        var token = SessionField().Match(await browser.GetStringAsync("/settings"));
        using var save = await browser.PostAsync("/settings?handler=SaveEngagement", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Engagement.Enabled"] = "true",
            ["Engagement.Opens"] = "true",
            ["Engagement.Clicks"] = "true",
            ["Engagement.HardBounces"] = "true",
            ["Engagement.Target"] = "note",
            ["__session"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
        return (int)save.StatusCode >= 400 ? $"POST /settings?handler=SaveEngagement answered {(int)save.StatusCode}" : null;
    }

    /// <summary>Creates the persons that the subscribe and deal webhooks talk about, so the app can read them back.</summary>
    /// <summary>Creates a person with the e-mail address the bench's webhooks give <paramref name="personId"/>; the emulator's own id for it, or the failure.</summary>
    public async Task<(long? Id, string? Failure)> CreatePersonAsync(BenchTenant tenant, long personId)
    {
        var (body, failure) = await sandbox.PostJsonAsync(sandbox.Pipedrive, $"{SandboxRoutes.PipedriveCompanies}/{tenant.CompanyId}/persons", new
        {
            name = $"Bench Person{personId}",
            first_name = "Bench",
            last_name = $"Person{personId}",
            emails = new[] { new { value = WebhookFactory.Email(seed, tenant.CompanyId, personId), primary = true, label = "work" } },
        });
        return failure is not null ? (null, failure)
            : SandboxClient.Long(body, "id") is { } id ? (id, null)
            : (null, "the Pipedrive emulator answered no person id");
    }

    /// <summary>A tenant nobody installed, for when the install flow cannot run: its webhooks are refused.</summary>
    public static BenchTenant StandIn(int seed, int index) =>
        new(990_000_000 + (seed * 1000L) + index, 1, "bench-" + index, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), Installed: false);

    private async Task<(string? Key, long? Option)> NewsletterFieldAsync(long companyId)
    {
        var fields = await sandbox.GetJsonAsync(sandbox.Pipedrive, $"{SandboxRoutes.PipedriveCompanies}/{companyId}/fields") as JsonArray;
        var field = fields?.OfType<JsonObject>().FirstOrDefault(f => SandboxClient.Text(f, "name") == "Newsletter");
        var option = (field?["options"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(o => SandboxClient.Text(o, "label") == "Subscribe");
        return (SandboxClient.Text(field, "key", "field_code"), SandboxClient.Long(option, "id"));
    }

    /// <summary>http_auth_user and http_auth_password from a webhook registration body (JSON or form encoded).</summary>
    public static (string? User, string? Password) WebhookCredentials(string body)
    {
        if (body.TrimStart().StartsWith('{'))
        {
            var json = JsonNode.Parse(body);
            return (SandboxClient.Text(json, "http_auth_user"), SandboxClient.Text(json, "http_auth_password"));
        }

        var form = System.Web.HttpUtility.ParseQueryString(body);
        return (form["http_auth_user"], form["http_auth_password"]);
    }

    [GeneratedRegex("<input[^>]*name=\"__session\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex SessionField();
}
