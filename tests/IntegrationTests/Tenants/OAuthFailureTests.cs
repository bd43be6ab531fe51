using System.Net;
using System.Text.RegularExpressions;
using System.Web;
using PipedriveMaileon.IntegrationTests.Contacts;
using PipedriveMaileon.IntegrationTests.Infrastructure;

namespace PipedriveMaileon.IntegrationTests.Tenants;

/// <summary>
/// Installations that must not happen: the admin cancels at Pipedrive, the state is forged, from another browser,
/// replayed or expired, or Pipedrive refuses the code. Each shows a page that says what happened and creates
/// nothing: no session, no tenant, no token exchange where the state was bad.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed partial class OAuthFailureTests(DeploymentFixture fixture)
{
    private SandboxDeployment Deployment => fixture.Deployment;

    private SandboxView View => new(Deployment);

    [Fact]
    public async Task CancellingAtPipedriveShowsACancelledPageAndInstallsNothing()
    {
        var company = await NewCompanyAsync("Denied GmbH");
        using var browser = new Browser(Deployment.Web.BaseAddress);
        var authorize = await browser.StartInstallAsync();
        var mark = await View.JournalMarkAsync("pipedrive");

        var location = await ApproveAsync(company, authorize, deny: true);
        Assert.Equal("user_denied", HttpUtility.ParseQueryString(location.Query)["error"]);
        var (status, title, text) = await browser.CallbackAsync(location);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Installation cancelled", title);
        Assert.Contains("Nothing was installed or changed.", text, StringComparison.Ordinal);
        await AssertNothingInstalledAsync(company, browser, mark);
    }

    [Fact]
    public async Task AnotherErrorFromPipedriveShowsAFailurePage()
    {
        var company = await NewCompanyAsync("Erroneous GmbH");
        using var browser = new Browser(Deployment.Web.BaseAddress);
        await browser.StartInstallAsync();
        var mark = await View.JournalMarkAsync("pipedrive");

        var (status, title, text) = await browser.CallbackAsync(new Uri("/pipedrive/callback?error=access_denied&error_description=%3Cscript%3E", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Installation failed", title);
        Assert.DoesNotContain("<script>", text, StringComparison.Ordinal);
        await AssertNothingInstalledAsync(company, browser, mark);
    }

    [Fact]
    public async Task AForgedStateIsRefusedBeforeTheCodeIsExchanged()
    {
        var company = await NewCompanyAsync("Forged State AG");
        using var browser = new Browser(Deployment.Web.BaseAddress);
        var authorize = await browser.StartInstallAsync();
        var forged = HttpUtility.ParseQueryString(authorize.Query)["state"]!;
        forged = forged[..^4] + (forged.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        var mark = await View.JournalMarkAsync("pipedrive");

        var location = await ApproveAsync(company, authorize, state: forged);
        var (status, title, _) = await browser.CallbackAsync(location);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("This installation link is invalid or has expired", title);
        await AssertNothingInstalledAsync(company, browser, mark);
    }

    [Fact]
    public async Task AStateFromAnotherBrowserIsRefused()
    {
        var company = await NewCompanyAsync("Other Browser KG");
        using var victim = new Browser(Deployment.Web.BaseAddress);
        using var attacker = new Browser(Deployment.Web.BaseAddress);
        await victim.StartInstallAsync();
        var attackersAuthorize = await attacker.StartInstallAsync();
        var mark = await View.JournalMarkAsync("pipedrive");

        // The attacker approves for their company and makes the victim's browser follow the callback.
        var location = await ApproveAsync(company, attackersAuthorize);
        var (status, title, _) = await victim.CallbackAsync(location);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("This installation link is invalid or has expired", title);
        await AssertNothingInstalledAsync(company, victim, mark);
    }

    [Fact]
    public async Task AReplayedCallbackIsRefusedAndExchangesNothing()
    {
        var company = await NewCompanyAsync("Replay OHG");
        using var browser = new Browser(Deployment.Web.BaseAddress);
        var authorize = await browser.StartInstallAsync();
        var location = await ApproveAsync(company, authorize);
        var first = await browser.Http.GetAsync(location.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var mark = await View.JournalMarkAsync("pipedrive");

        // The same callback again, in the same browser and in a fresh one.
        var (status, title, _) = await browser.CallbackAsync(location);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("This installation link is invalid or has expired", title);
        using var stranger = new Browser(Deployment.Web.BaseAddress);
        (status, title, _) = await stranger.CallbackAsync(location);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("This installation link is invalid or has expired", title);

        Assert.Empty(await View.TokenRequestsAsync("authorization_code", mark));
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.Http.GetAsync("/settings")).StatusCode);
    }

    [Fact]
    public async Task ACodePipedriveRefusesShowsAClearPageAndInstallsNothing()
    {
        var company = await NewCompanyAsync("Bad Code SE");
        using var browser = new Browser(Deployment.Web.BaseAddress);
        var authorize = await browser.StartInstallAsync();
        var location = await ApproveAsync(company, authorize);
        var query = HttpUtility.ParseQueryString(location.Query);
        var mark = await View.JournalMarkAsync("pipedrive");

        var (status, title, text) = await browser.CallbackAsync(
            new Uri($"/pipedrive/callback?code={Uri.EscapeDataString(query["code"]![..^2] + "zz")}&state={Uri.EscapeDataString(query["state"]!)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal("Installation failed", title);
        Assert.Contains("Pipedrive did not accept the authorisation code", text, StringComparison.Ordinal);
        Assert.Single(await View.TokenRequestsAsync("authorization_code", mark));
        await AssertNothingInstalledAsync(company, browser, after: null);
    }

    [Fact]
    public async Task PipedriveRefusingTheAppsCredentialsShowsAClearPageAndInstallsNothing()
    {
        var company = await NewCompanyAsync("Refused Client GmbH");
        using var browser = new Browser(Deployment.Web.BaseAddress);
        var authorize = await browser.StartInstallAsync();
        var location = await ApproveAsync(company, authorize);
        var fault = await Deployment.Sandbox.ControlPostAsync("pipedrive", "faults", new
        {
            method = "POST",
            pathPattern = "^/oauth/token$",
            status = 401,
            contentType = "application/json",
            body = """{"success":false,"error":"invalid_client","error_description":"Invalid client: client is invalid"}""",
            times = 1,
        });
        try
        {
            var (status, title, text) = await browser.CallbackAsync(location);

            Assert.Equal(HttpStatusCode.BadGateway, status);
            Assert.Equal("Installation failed", title);
            Assert.Contains("Pipedrive refused to complete the installation", text, StringComparison.Ordinal);
            await AssertNothingInstalledAsync(company, browser, after: null);
        }
        finally
        {
            await Deployment.Sandbox.Pipedrive.DeleteAsync($"/_sandbox/pipedrive/faults/{fault!["id"]}");
        }
    }

    [Fact]
    public async Task AnExpiredStateIsRefusedBeforeTheCodeIsExchanged()
    {
        // A web node of the same cluster whose installations expire after two seconds.
        var node = await Deployment.Cluster.StartWebAsync("web-short-state", settings: new Dictionary<string, string> { ["Pipedrive__OAuthStateLifetime"] = "00:00:02" });
        try
        {
            var company = await NewCompanyAsync("Expired State AG");
            var mark = await View.JournalMarkAsync("pipedrive");
            using var browser = new Browser(node.BaseAddress);
            var authorize = await browser.StartInstallAsync();
            var nonce = browser.Cookie("pm_oauth", "/pipedrive") ?? throw new InvalidOperationException("install set no state cookie");
            var state = HttpUtility.ParseQueryString(authorize.Query)["state"]!;
            await Task.Delay(TimeSpan.FromSeconds(3));

            // The browser would have dropped the cookie by now; send it anyway, so only the signed expiry can refuse.
            using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = node.BaseAddress };
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/pipedrive/callback?code=sandbox-code&state={Uri.EscapeDataString(state)}");
            request.Headers.Add("Cookie", $"pm_oauth={nonce}");
            var response = await client.SendAsync(request);
            var html = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("This installation link is invalid or has expired", Browser.Title(html));
            Assert.DoesNotContain("pm_session", string.Join(';', response.Headers.TryGetValues("Set-Cookie", out var set) ? set : []), StringComparison.Ordinal);
            Assert.Empty(await View.TokenRequestsAsync("authorization_code", mark));
            Assert.Equal(0L, await TenantRowsAsync(company.Id));
        }
        finally
        {
            await node.Process.StopAsync(TimeSpan.FromSeconds(20));
        }
    }

    private async Task AssertNothingInstalledAsync((long Id, long UserId) company, Browser browser, long? after)
    {
        Assert.Null(browser.Cookie("pm_session", "/"));
        var settings = await browser.Http.GetAsync("/settings");
        Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);
        Assert.StartsWith("/pipedrive/install", settings.Headers.Location!.OriginalString, StringComparison.Ordinal);
        if (after is { } mark)
        {
            Assert.Empty(await View.TokenRequestsAsync("authorization_code", mark));
        }

        Assert.Equal(0L, await TenantRowsAsync(company.Id));
        Assert.Empty(await View.PipedriveWebhooksAsync(company.Id));
        Assert.Empty(await View.PersonFieldsAsync(company.Id, "Newsletter"));
    }

    private Task<long> TenantRowsAsync(long companyId) =>
        TestPostgres.ScalarAsync<long>(Deployment.Cluster.ConnectionString, $"SELECT count(*) FROM tenants WHERE company_id = {companyId}");

    private async Task<(long Id, long UserId)> NewCompanyAsync(string name)
    {
        var company = await Deployment.Sandbox.ControlPostAsync("pipedrive", "companies", new { name });
        return ((long)company!["id"]!, (long)company["users"]![0]!["id"]!);
    }

    private async Task<Uri> ApproveAsync((long Id, long UserId) company, Uri authorize, bool deny = false, string? state = null)
    {
        var query = HttpUtility.ParseQueryString(authorize.Query);
        var approval = await Deployment.Sandbox.ControlPostAsync("pipedrive", "oauth/approve", new
        {
            companyId = company.Id,
            userId = company.UserId,
            clientId = query["client_id"],
            redirectUri = query["redirect_uri"],
            state = state ?? query["state"],
            deny,
        });
        return new Uri((string)approval!["location"]!);
    }

    /// <summary>An admin's browser: its own cookies, no automatic redirects.</summary>
    private sealed partial class Browser : IDisposable
    {
        private readonly CookieContainer cookies = new();
        private readonly Uri baseAddress;

        public Browser(Uri baseAddress)
        {
            this.baseAddress = baseAddress;
            Http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        }

        public HttpClient Http { get; }

        public static string Title(string html) => WebUtility.HtmlDecode(TitlePattern().Match(html).Groups[1].Value);

        public async Task<Uri> StartInstallAsync()
        {
            var start = await Http.GetAsync("/pipedrive/install");
            Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
            return start.Headers.Location!;
        }

        public async Task<(HttpStatusCode Status, string Title, string Text)> CallbackAsync(Uri location)
        {
            var response = await Http.GetAsync(location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
            var html = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, Title(html), WebUtility.HtmlDecode(TextPattern().Match(html).Groups[1].Value));
        }

        public string? Cookie(string name, string path) =>
            cookies.GetCookies(new Uri(baseAddress, path)).FirstOrDefault(c => c.Name == name)?.Value;

        public void Dispose() => Http.Dispose();

        [GeneratedRegex("data-testid=\"message-title\">([^<]*)<")]
        private static partial Regex TitlePattern();

        [GeneratedRegex("data-testid=\"message-text\">([^<]*)<")]
        private static partial Regex TextPattern();
    }
}
