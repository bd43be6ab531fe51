using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PipedriveMaileon.Database.DataProtection;
using PipedriveMaileon.IntegrationTests.Contacts;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PipedriveMaileon.IntegrationTests.Security;

/// <summary>
/// The bad-input catalogue of the browser-facing routes: the OAuth callback with a forged, tampered, expired,
/// replayed or foreign state; settings posts without the page's session ticket (the antiforgery token) or with a
/// forged, altered, expired or misplaced one; and markup in values
/// the settings pages show. Each refused case must leave no token exchange at Pipedrive, no session and no change.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed partial class BrowserBadInputTests(DeploymentFixture fixture, ITestOutputHelper output)
{
    private const string Markup = "<script>alert('pm')</script><img src=x onerror=alert(1)>";

    private SandboxDeployment Deployment => fixture.Deployment;

    [Fact]
    public async Task ForgedExpiredOrReplayedOAuthStatesAndSettingsPostsWithoutThePagesTicketAreRefused()
    {
        var catalogue = new Catalogue(output);
        using var a = await SyncedTenant.CreateAsync(Deployment, "Form Alpha " + Markup);

        // ---------- OAuth callback ----------
        const string OAuth = "OAuth callback state";
        async Task Callback(string name, Browser browser, string query, int expected = 400)
        {
            var tokenCallsBefore = await TokenExchangesAsync();
            var tenantsBefore = await TenantRowsAsync();
            using var response = await browser.Http.GetAsync("/pipedrive/callback?" + query);
            var body = await response.Content.ReadAsStringAsync();
            var setsSession = response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("pm_session=", StringComparison.Ordinal));
            var exchanged = await TokenExchangesAsync() - tokenCallsBefore;
            var installed = await TenantRowsAsync() - tenantsBefore;
            var detail = string.Join("; ", new[]
            {
                setsSession ? "a session cookie was issued" : null,
                exchanged > 0 ? $"{exchanged} code exchange(s) reached Pipedrive" : null,
                installed > 0 ? "a tenant was created" : null,
            }.Where(d => d is not null));
            catalogue.Record(OAuth, name, expected.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{(int)response.StatusCode} {Title(body)}",
                (int)response.StatusCode == expected && detail.Length == 0, detail);
        }

        using (var browser = new Browser(Deployment))
        {
            var (state, _) = await browser.StartInstallAsync();
            await Callback("forged state (random)", browser, $"code=abc&state={Uri.EscapeDataString(Convert.ToBase64String(Guid.NewGuid().ToByteArray()))}");
            await Callback("real state with one character changed", browser, $"code=abc&state={Uri.EscapeDataString(Flip(state))}");
            await Callback("real state truncated", browser, $"code=abc&state={Uri.EscapeDataString(state[..^6])}");
            await Callback("empty state", browser, "code=abc&state=");
            await Callback("Pipedrive reports an error", browser, $"error=access_denied&state={Uri.EscapeDataString(state)}");
            await Callback("real state, no code", browser, $"state={Uri.EscapeDataString(state)}");
        }

        using (var browser = new Browser(Deployment))
        {
            var (state, _) = await browser.StartInstallAsync();
            await Callback("real state, code over 512 characters", browser, $"code={new string('c', 600)}&state={Uri.EscapeDataString(state)}");
        }

        // Signed with the app's own key ring, so only the expiry is wrong; the same forgery unexpired passes the
        // state check (and then fails at Pipedrive with the made-up code), which proves the key ring is the app's.
        using (var browser = new Browser(Deployment))
        {
            var nonce = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
            browser.SetOAuthCookie(nonce);
            var expired = SignState(nonce, DateTimeOffset.UtcNow.AddMinutes(-1));
            await Callback("expired state (authentic signature, expired a minute ago)", browser, $"code=abc&state={Uri.EscapeDataString(expired)}");
            browser.SetOAuthCookie(nonce); // the refused callback deleted it
            var fresh = SignState(nonce, DateTimeOffset.UtcNow.AddMinutes(5));
            using var control = await browser.Http.GetAsync($"/pipedrive/callback?code=made-up&state={Uri.EscapeDataString(fresh)}");
            var controlBody = await control.Content.ReadAsStringAsync();
            catalogue.Record(OAuth, "control: the same forgery unexpired passes the state check", "not the invalid-state page", $"{(int)control.StatusCode} {Title(controlBody)}",
                !controlBody.Contains("invalid or has expired", StringComparison.Ordinal) && (int)control.StatusCode >= 400);
        }

        // A state from one browser, delivered to another (login CSRF): refused whether or not that one has a cookie.
        using (var victim = new Browser(Deployment))
        using (var attacker = new Browser(Deployment))
        {
            var (state, _) = await attacker.StartInstallAsync();
            await Callback("another browser's state, no cookie here", victim, $"code=abc&state={Uri.EscapeDataString(state)}");
            await victim.StartInstallAsync();
            await Callback("another browser's state, this browser has its own cookie", victim, $"code=abc&state={Uri.EscapeDataString(state)}");
        }

        // Replay: a genuine, approved callback works once; the same URL again is refused.
        using (var browser = new Browser(Deployment))
        {
            var company = await Deployment.Sandbox.ControlPostAsync("pipedrive", "companies", new { name = "Replay Corp", adminName = "Replay Admin", adminEmail = "admin@replay.example" });
            var (state, authorize) = await browser.StartInstallAsync();
            var query = System.Web.HttpUtility.ParseQueryString(authorize.Query);
            var approval = await Deployment.Sandbox.ControlPostAsync("pipedrive", "oauth/approve", new
            {
                companyId = (long)company!["id"]!,
                userId = (long)company["users"]![0]!["id"]!,
                clientId = query["client_id"],
                redirectUri = query["redirect_uri"],
                state,
            });
            var callback = new Uri((string)approval!["location"]!);
            using (var first = await browser.Http.GetAsync(callback.PathAndQuery))
            {
                catalogue.Record(OAuth, "control: the genuine callback, first use", "302 to /settings", $"{(int)first.StatusCode} {first.Headers.Location}",
                    first.StatusCode == HttpStatusCode.Redirect && first.Headers.Location?.OriginalString == "/settings");
            }

            await Callback("replayed callback, same browser", browser, callback.Query.TrimStart('?'));
            using var other = new Browser(Deployment);
            await other.StartInstallAsync();
            await Callback("replayed callback, another browser", other, callback.Query.TrimStart('?'));
        }

        // ---------- Settings posts ----------
        const string Settings = "settings POST";
        var pageBefore = StatusPanel(await a.Admin.SettingsPageAsync());
        TenantFootprint before = null!;
        async Task Post(string name, HttpClient client, string handler, IEnumerable<KeyValuePair<string, string>> fields, params int[] expected)
        {
            using var response = await client.PostAsync($"/settings?handler={handler}", new FormUrlEncodedContent(fields));
            var footprint = await TenantFootprint.ReadAsync(Deployment, a.CompanyId, a.ApiKey);
            var changed = footprint != before ? $"tenant A changed: {before} -> {footprint}" : null;
            var actual = $"{(int)response.StatusCode}{(response.Headers.Location is { } l ? " to " + l.AbsolutePath : "")}";
            catalogue.Record(Settings, name, string.Join(" or ", expected), actual, expected.Contains((int)response.StatusCode) && changed is null, changed);
        }

        KeyValuePair<string, string>[] SaveFields(string? ticket) =>
        [
            .. ticket is null ? [] : new[] { new KeyValuePair<string, string>(TenantAdmin.SessionField, ticket) },
            new("Form.MaileonApiKey", ""),
            new("Form.DoiMailingKey", "changed-by-attacker"),
            new("Form.Permission", "doiplus"),
            new("Form.DealEvents", "true"),
        ];

        var ticketA = TenantAdmin.SessionTicket(await a.Admin.SettingsPageAsync());

        // The page's session ticket is the antiforgery token: a change needs it in the form (or the page's fetch
        // header); the standalone sign-in cookie or a ticket in the URL never authorise one.
        before = await TenantFootprint.SettledAsync(Deployment, a.CompanyId, a.ApiKey);
        await Post("no session ticket, only the sign-in cookie (a cross-site form post)", a.Admin.Http, "Save", SaveFields(null), 400);
        await Post("made-up session ticket", a.Admin.Http, "Save", SaveFields("CfDJ8" + new string('A', 100)), 400);
        await Post("this tenant's ticket with one character changed", a.Admin.Http, "Save", SaveFields(Flip(ticketA)), 400);
        await Post("this tenant's ticket, signed by the app but expired", a.Admin.Http, "Save", SaveFields(SignTicket(a.CompanyId, a.Admin.UserId, DateTimeOffset.UtcNow.AddSeconds(-5))), 400);
        await Post("this tenant's ticket in the URL instead of the form", a.Admin.Http, $"Save&__session={Uri.EscapeDataString(ticketA)}", SaveFields(null), 400);
        await Post("uninstall with only the sign-in cookie", a.Admin.Http, "Uninstall", [], 400);
        await Post("uninstall with the ticket in the URL", a.Admin.Http, $"Uninstall&__session={Uri.EscapeDataString(ticketA)}", [], 400);
        await Post("retry-failed with only the sign-in cookie", a.Admin.Http, "RetryFailed", [], 400);
        using (var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Deployment.Web.BaseAddress })
        {
            await Post("no session at all", anonymous, "Save", SaveFields(null), 400);
        }

        await Task.Delay(1000);
        var after = await TenantFootprint.ReadAsync(Deployment, a.CompanyId, a.ApiKey);
        var pageAfter = StatusPanel(await a.Admin.SettingsPageAsync());
        catalogue.Record("no state change (settled)", "tenant A after the settings posts", before.ToString(), after.ToString(), after == before);
        catalogue.Record("no state change (settled)", "tenant A's settings form unchanged", "same form values", pageAfter == pageBefore ? "same" : "different", pageAfter == pageBefore);

        // Control (after the footprint, as it renders the page, which reads Pipedrive's person fields): the same post
        // with the page's ticket goes through, so the refusals above are about the ticket.
        using (var control = await a.Admin.Http.PostAsync("/settings?handler=RetryFailed", new FormUrlEncodedContent([new(TenantAdmin.SessionField, ticketA)])))
        {
            catalogue.Record(Settings, "control: retry-failed with the page's ticket", "200", ((int)control.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), control.StatusCode == HttpStatusCode.OK);
        }

        // ---------- Markup rendered escaped ----------
        const string Escaping = "markup rendered escaped";
        var person = await a.CreatePersonAsync("Eve " + Markup, "eve@form-alpha.example");
        await a.SetNewsletterAsync(person, "Subscribe");
        await a.NewsletterBecomesAsync(person, "Awaiting confirmation");
        var settings = await a.Admin.SettingsPageAsync();
        CheckEscaped(catalogue, Escaping, "company name on /settings", settings);
        var saved = await a.Admin.SaveSettingsAsync(null, doiMailing: "doi\"><b>" + Markup);
        CheckEscaped(catalogue, Escaping, "DOI mailing key echoed in the form", saved);
        using (var personPage = await a.Admin.Http.GetAsync($"/settings/people/{person}"))
        {
            CheckEscaped(catalogue, Escaping, "person page of a person whose name has markup", await personPage.Content.ReadAsStringAsync());
        }

        using (var tenantsPage = await Deployment.Web.Http.GetAsync("/ops/tenants"))
        {
            CheckEscaped(catalogue, Escaping, "operators' tenant list", await tenantsPage.Content.ReadAsStringAsync());
        }

        catalogue.Print("Browser-facing bad-input catalogue");
        catalogue.AssertAll();
    }

    private static void CheckEscaped(Catalogue catalogue, string group, string name, string html)
    {
        var raw = html.Contains("<script>alert", StringComparison.Ordinal) || html.Contains("<img src=x", StringComparison.Ordinal) || html.Contains("<b>", StringComparison.Ordinal);
        var encoded = html.Contains("&lt;script&gt;", StringComparison.Ordinal) || html.Contains("&lt;img", StringComparison.Ordinal);
        catalogue.Record(group, name, "only the encoded form", raw ? "raw markup in the page" : encoded ? "encoded" : "not shown", !raw && encoded);
    }

    private async Task<long> TokenExchangesAsync() =>
        (await SandboxJournal.EntriesAsync(Deployment.Sandbox, "pipedrive")).Count(e => ((string?)e["path"])?.EndsWith("/oauth/token", StringComparison.Ordinal) == true);

    private async Task<long> TenantRowsAsync() =>
        await TestPostgres.ScalarAsync<long>(Deployment.Cluster.ConnectionString, "SELECT count(*) FROM tenants");

    /// <summary>A state as the app would sign it, with the app's key ring (read from the database, decrypted with the master key).</summary>
    private string SignState(string nonce, DateTimeOffset expires)
    {
        using var provider = AppKeyRing();
        return provider.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("PipedriveMaileon.OAuthState.v1").ToTimeLimitedDataProtector()
            .Protect(nonce, expires);
    }

    /// <summary>The app's key ring (read from the database, decrypted with the master key).</summary>
    private ServiceProvider AppKeyRing()
    {
        var services = new ServiceCollection();
        services.AddSingleton(NpgsqlDataSource.Create(Deployment.Cluster.ConnectionString));
        services.AddSharedDataProtection(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [MasterKey.ConfigurationKey] = Deployment.Cluster.MasterKey })
            .Build());
        return services.BuildServiceProvider();
    }

    /// <summary>A session ticket as the app would issue it, with the app's key ring, expiring at <paramref name="expires"/>.</summary>
    private string SignTicket(long companyId, long userId, DateTimeOffset expires)
    {
        using var provider = AppKeyRing();
        var session = new JsonObject { ["c"] = companyId, ["u"] = userId, ["e"] = 1, ["a"] = DateTimeOffset.UtcNow.AddMinutes(-1), ["s"] = 1, ["t"] = "light" };
        var envelope = new JsonObject { ["x"] = expires.ToUnixTimeSeconds(), ["s"] = session };
        return provider.GetRequiredService<IDataProtectionProvider>().CreateProtector("PipedriveMaileon.SettingsSession.v1").Protect(envelope.ToJsonString());
    }

    private static string Flip(string text)
    {
        var middle = text.Length / 2;
        return string.Concat(text.AsSpan(0, middle), text[middle] == 'A' ? "B" : "A", text.AsSpan(middle + 1));
    }

    private static string Title(string html) => TitlePattern().Match(html) is { Success: true } m ? m.Groups[1].Value : html.Length > 80 ? html[..80] : html;

    /// <summary>The settings form's saved values (the part of the page a cross-tenant post would change).</summary>
    private static string StatusPanel(string html) =>
        string.Join('|', FormValues().Matches(html).Select(m => m.Value));

    [GeneratedRegex("<h1[^>]*>([^<]*)</h1>")]
    private static partial Regex TitlePattern();

    [GeneratedRegex("(data-testid=\"(doi-mailing|deal-events|permission-doi|permission-doiplus)\"[^>]*)")]
    private static partial Regex FormValues();

    /// <summary>A browser of its own (cookies, no automatic redirects).</summary>
    private sealed class Browser : IDisposable
    {
        private readonly CookieContainer cookies = new();
        private readonly Uri web;

        public Browser(SandboxDeployment deployment)
        {
            web = deployment.Web.BaseAddress;
            Http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = web, Timeout = TimeSpan.FromSeconds(30) };
        }

        public HttpClient Http { get; }

        public async Task<(string State, Uri Authorize)> StartInstallAsync()
        {
            using var start = await Http.GetAsync("/pipedrive/install");
            var authorize = start.Headers.Location ?? throw new InvalidOperationException("/pipedrive/install did not redirect");
            return (System.Web.HttpUtility.ParseQueryString(authorize.Query)["state"]!, authorize);
        }

        public void SetOAuthCookie(string nonce) => cookies.Add(web, new Cookie("pm_oauth", nonce, "/pipedrive"));

        public void Dispose() => Http.Dispose();
    }
}
