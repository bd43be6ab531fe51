using System.Net;
using System.Text.RegularExpressions;

namespace PipedriveMaileon.IntegrationTests.Infrastructure;

/// <summary>
/// A Pipedrive admin of one sandbox company, driving the app over HTTP as a browser would (the standalone sign-in
/// cookie, redirects, the session ticket each page puts in its forms): installs the app through the sandbox's OAuth consent and saves settings.
/// </summary>
public sealed partial class TenantAdmin : IDisposable
{
    private readonly SandboxDeployment deployment;
    private readonly CookieContainer cookies = new();

    private TenantAdmin(SandboxDeployment deployment, long companyId, long userId)
    {
        this.deployment = deployment;
        CompanyId = companyId;
        UserId = userId;
        Http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = deployment.Web.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public long CompanyId { get; }

    public long UserId { get; }

    /// <summary>The admin's browser: session cookie once installed, no automatic redirects.</summary>
    public HttpClient Http { get; }

    /// <summary>Creates a sandbox company with an admin and installs the app for it (OAuth code flow end to end).</summary>
    public static async Task<TenantAdmin> InstallNewCompanyAsync(SandboxDeployment deployment, string name)
    {
        var company = await deployment.Sandbox.ControlPostAsync("pipedrive", "companies", new { name, adminName = $"{name} Admin", adminEmail = $"admin@{Slug(name)}.example" });
        var admin = new TenantAdmin(deployment, (long)company!["id"]!, (long)company["users"]![0]!["id"]!);
        await admin.InstallAsync();
        return admin;
    }

    /// <summary>Installs the app for a company that exists already (e.g. the lived-in fixture's), as its admin.</summary>
    public static async Task<TenantAdmin> InstallExistingCompanyAsync(SandboxDeployment deployment, long companyId, long adminUserId)
    {
        var admin = new TenantAdmin(deployment, companyId, adminUserId);
        await admin.InstallAsync();
        return admin;
    }

    /// <summary>Runs the install flow: /pipedrive/install → consent (approved through the sandbox) → /pipedrive/callback → /settings.</summary>
    public async Task InstallAsync()
    {
        var start = await Http.GetAsync("/pipedrive/install");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        var query = System.Web.HttpUtility.ParseQueryString(authorize.Query);
        var approval = await deployment.Sandbox.ControlPostAsync("pipedrive", "oauth/approve", new
        {
            companyId = CompanyId,
            userId = UserId,
            clientId = query["client_id"],
            redirectUri = query["redirect_uri"],
            state = query["state"],
        });
        var callback = new Uri((string)approval!["location"]!);
        var landing = await Http.GetAsync(callback.PathAndQuery);
        Assert.True(landing.StatusCode == HttpStatusCode.Redirect, $"callback answered {(int)landing.StatusCode}: {await landing.Content.ReadAsStringAsync()}");
        Assert.Equal("/settings", landing.Headers.Location!.OriginalString);
    }

    /// <summary>GET /settings; fails the test on anything but 200.</summary>
    public async Task<string> SettingsPageAsync()
    {
        var page = await Http.GetAsync("/settings");
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"/settings answered {(int)page.StatusCode}: {html}\n{string.Join('\n', deployment.AllOutput.Split('\n').TakeLast(60))}");
        return html;
    }

    /// <summary>Posts the settings form (with the page's antiforgery token); returns the page shown afterwards.</summary>
    public async Task<string> SaveSettingsAsync(string? apiKey, bool dealEvents = false, string permission = "doi", string? doiMailing = null, bool eraseDeleted = false, params string[] extraFields)
    {
        var html = await SettingsPageAsync();
        var fields = new List<KeyValuePair<string, string>>
        {
            new(SessionField, SessionTicket(html)),
            new("Form.MaileonApiKey", apiKey ?? ""),
            new("Form.DoiMailingKey", doiMailing ?? ""),
            new("Form.Permission", permission),
        };
        if (dealEvents)
        {
            fields.Add(new("Form.DealEvents", "true"));
        }

        if (eraseDeleted)
        {
            fields.Add(new("Form.EraseDeleted", "true"));
        }

        for (var i = 0; i < extraFields.Length; i++)
        {
            fields.Add(new($"Form.ExtraFields[{i}]", extraFields[i]));
        }

        return await PostFormAsync("/settings?handler=Save", fields);
    }

    public async Task<string> PostHandlerAsync(string handler, params KeyValuePair<string, string>[] fields)
    {
        var html = await SettingsPageAsync();
        return await PostFormAsync($"/settings?handler={handler}", [new(SessionField, SessionTicket(html)), .. fields]);
    }

    /// <summary>The form field that carries the page's session ticket (it is also what protects a form against CSRF).</summary>
    public const string SessionField = "__session";

    /// <summary>The session ticket a settings page put in its forms.</summary>
    public static string SessionTicket(string html) =>
        TicketPattern().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No session ticket on the page.");

    /// <summary>
    /// The tenant's webhook Basic credentials (user:password). The sandbox control API masks webhook passwords, so
    /// they are read from the app's own <c>POST /v1/webhooks</c> in the Pipedrive emulator's request journal.
    /// </summary>
    public async Task<string> PipedriveWebhookCredentialsAsync()
    {
        var (user, password) = await SandboxJournal.PipedriveWebhookCredentialsAsync(deployment.Sandbox, CompanyId);
        return $"{user}:{password}";
    }

    public void Dispose() => Http.Dispose();

    private async Task<string> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        var response = await Http.PostAsync(path, content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{path} answered {(int)response.StatusCode}: {body}");
        return body;
    }

    private static string Slug(string name) => new([.. name.ToLowerInvariant().Where(char.IsLetterOrDigit)]);

    [GeneratedRegex("<input[^>]*name=\"__session\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TicketPattern();
}
