using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PipedriveMaileon.IntegrationTests.Tenants;

/// <summary>
/// Who gets a settings session and for how long: only Pipedrive's genuine, unexpired token for the company and user
/// the iframe names; never a regular user (inside Pipedrive or through OAuth, and without touching the admin's
/// installation); and no session survives a demotion, an uninstall or a re-install.
/// </summary>
[Collection(ExtensionCollection.Name)]
public sealed class SessionTests(ExtensionDeploymentFixture fixture, ITestOutputHelper output)
{
    private SandboxDeployment Deployment => fixture.Deployment;

    [Fact]
    public async Task ForgedExpiredOrOtherCompanyTokensAreRefused()
    {
        using var alpha = await TenantAdmin.InstallNewCompanyAsync(Deployment, "Token Alpha");
        using var beta = await TenantAdmin.InstallNewCompanyAsync(Deployment, "Token Beta");
        var genuine = await PipedriveHost.IframeUrlAsync(Deployment, alpha.CompanyId, alpha.UserId);
        var query = System.Web.HttpUtility.ParseQueryString(genuine.Query);
        var inFiveMinutes = DateTimeOffset.UtcNow.AddMinutes(5);
        string Url(string token, long companyId, long userId) =>
            $"/pipedrive-app?id={query["id"]}&userId={userId}&companyId={companyId}&theme=light&token={Uri.EscapeDataString(token)}";

        var catalogue = new Security.Catalogue(output);
        async Task Check(string name, string url, HttpStatusCode expected)
        {
            using var http = Stranger();
            using var response = await http.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            var opened = PipedriveHost.TicketOf(body) is not null;
            catalogue.Record("Pipedrive iframe token", name, $"{(int)expected}{(expected == HttpStatusCode.OK ? " with a session" : " without")}",
                $"{(int)response.StatusCode}{(opened ? " with a session" : " without")}", response.StatusCode == expected && opened == (expected == HttpStatusCode.OK));
        }

        await Check("control: the token the Pipedrive host signed", genuine.PathAndQuery, HttpStatusCode.OK);
        await Check("signed with the extension's JWT secret by the test (control)",
            Url(TestJwt.Sign(TestJwt.Claims(alpha.CompanyId, alpha.UserId, inFiveMinutes), ExtensionDeploymentFixture.JwtSecret), alpha.CompanyId, alpha.UserId), HttpStatusCode.OK);
        await Check("signed with the client secret while a JWT secret is set",
            Url(TestJwt.Sign(TestJwt.Claims(alpha.CompanyId, alpha.UserId, inFiveMinutes), SandboxProcess.ClientSecret), alpha.CompanyId, alpha.UserId), HttpStatusCode.Unauthorized);
        await Check("signed with a made-up secret",
            Url(TestJwt.Sign(TestJwt.Claims(alpha.CompanyId, alpha.UserId, inFiveMinutes), "guessed"), alpha.CompanyId, alpha.UserId), HttpStatusCode.Unauthorized);
        await Check("alg none, no signature",
            Url(TestJwt.Sign(TestJwt.Claims(alpha.CompanyId, alpha.UserId, inFiveMinutes), "", "none"), alpha.CompanyId, alpha.UserId), HttpStatusCode.Unauthorized);
        await Check("genuine signature, expired a minute ago",
            Url(TestJwt.Sign(TestJwt.Claims(alpha.CompanyId, alpha.UserId, DateTimeOffset.UtcNow.AddMinutes(-1)), ExtensionDeploymentFixture.JwtSecret), alpha.CompanyId, alpha.UserId), HttpStatusCode.Unauthorized);
        var betaToken = TestJwt.Sign(TestJwt.Claims(beta.CompanyId, beta.UserId, inFiveMinutes), ExtensionDeploymentFixture.JwtSecret);
        await Check("another company's genuine token, this company in the URL", Url(betaToken, alpha.CompanyId, alpha.UserId), HttpStatusCode.Unauthorized);
        await Check("this company's token, another user in the URL", Url(query["token"]!, alpha.CompanyId, beta.UserId), HttpStatusCode.Unauthorized);
        await Check("payload altered (company swapped), signature kept", Url(SwapPayload(query["token"]!, betaToken), beta.CompanyId, beta.UserId), HttpStatusCode.Unauthorized);
        await Check("no token: not signed in (sent to the OAuth sign-in)", $"/pipedrive-app?id={query["id"]}&userId={alpha.UserId}&companyId={alpha.CompanyId}", HttpStatusCode.Redirect);
        catalogue.Print("Pipedrive iframe tokens");
        catalogue.AssertAll();

        // The page may be framed by Pipedrive (here: the sandbox's origin) and runs no inline script or style.
        using var http = Stranger();
        using var page = await http.GetAsync(genuine.PathAndQuery);
        var policy = string.Join(' ', page.Headers.GetValues("Content-Security-Policy"));
        output.WriteLine("Content-Security-Policy: " + policy);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains($"frame-ancestors 'self' https://*.pipedrive.com {Deployment.Sandbox.PipedriveUrl.GetLeftPart(UriPartial.Authority)}", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARegularUserIsToldToAskAnAdminAndReachesNoSettingsRoute()
    {
        using var admin = await TenantAdmin.InstallNewCompanyAsync(Deployment, "Ask Admin AG");
        var user = await Deployment.Sandbox.ControlPostAsync("pipedrive", $"companies/{admin.CompanyId}/users", new { name = "Rita Regular", isAdmin = false });
        var regularId = (long)user!["id"]!;

        // Inside Pipedrive: the page still initialises the SDK, and says whom to ask.
        await using (var browser = await BrowserSession.StartAsync(blockThirdPartyCookies: true))
        {
            var host = new PipedriveHost(Deployment, browser.Page);
            await host.OpenAsync(admin.CompanyId, regularId);
            await Assertions.Expect(host.App.Locator("[data-kind=ask-admin]")).ToContainTextAsync("Ask an admin of Ask Admin AG");
            await Assertions.Expect(host.App.GetByTestId("settings-form")).ToHaveCountAsync(0);
            Assert.Null(PipedriveHost.TicketOf(await host.App.Locator("html").InnerHTMLAsync()));
            output.WriteLine("screenshot: " + await browser.ScreenshotAsync("settings-in-pipedrive-ask-admin"));
        }

        // Standalone: authorising through OAuth gives the same answer, no session, and leaves the admin's installation.
        using var regular = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Deployment.Web.BaseAddress };
        var callback = await ApprovedCallbackAsync(regular, admin.CompanyId, regularId);
        using var answer = await regular.GetAsync(callback);
        var body = await answer.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains("Ask an admin of Ask Admin AG", body, StringComparison.Ordinal);
        Assert.False(answer.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("pm_session=", StringComparison.Ordinal)));

        // The regular user's iframe token opens nothing else either, and no route answers without a session.
        var token = System.Web.HttpUtility.ParseQueryString((await PipedriveHost.IframeUrlAsync(Deployment, admin.CompanyId, regularId)).Query)["token"]!;
        foreach (var path in new[] { "/settings", "/settings/ledger.csv", "/settings/ledger.json", "/settings/progress", "/settings/people/1" })
        {
            using var response = await regular.GetAsync($"{path}?token={Uri.EscapeDataString(token)}&companyId={admin.CompanyId}&userId={regularId}");
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized or HttpStatusCode.Redirect, $"{path} answered {(int)response.StatusCode}");
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(PipedriveHost.TicketOf(await response.Content.ReadAsStringAsync()));
        }

        // The admin's installation is untouched: still installed by the admin, and the admin still gets in.
        Assert.Contains("by Ask Admin AG Admin", await admin.SettingsPageAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionsEndOnDemotionUninstallAndReinstall()
    {
        using var admin = await TenantAdmin.InstallNewCompanyAsync(Deployment, "Epoch KG");
        using var stranger = Stranger();

        // Demotion: within the re-check interval (2 s here) every route refuses; promotion makes it work again.
        var ticket = await IframeTicketAsync(stranger, admin);
        await AssertRouteAnswersAsync(ticket, HttpStatusCode.OK);
        await Deployment.Sandbox.Pipedrive.PatchAsJsonAsync($"/_sandbox/pipedrive/users/{admin.UserId}", new { isAdmin = false });
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await SettingsRoutes.AssertAllRefuseAsync(Deployment, ticket, personId: 1, expectedKind: "ask-admin");
        await Deployment.Sandbox.Pipedrive.PatchAsJsonAsync($"/_sandbox/pipedrive/users/{admin.UserId}", new { isAdmin = true });
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await AssertRouteAnswersAsync(ticket, HttpStatusCode.OK);

        // Uninstall in Pipedrive, then install again: the old session belongs to the old installation.
        Assert.Equal("200", (await Deployment.Sandbox.ControlPostAsync("pipedrive", $"companies/{admin.CompanyId}/uninstall", new { }))!["callbackStatus"]!.ToString());
        await SettingsRoutes.AssertAllRefuseAsync(Deployment, ticket, personId: 1);
        await admin.InstallAsync();
        await SettingsRoutes.AssertAllRefuseAsync(Deployment, ticket, personId: 1, expectedKind: "session-ended");
        await AssertRouteAnswersAsync(await IframeTicketAsync(stranger, admin), HttpStatusCode.OK);
    }

    private async Task AssertRouteAnswersAsync(string ticket, HttpStatusCode expected)
    {
        using var http = Stranger();
        using var response = await http.GetAsync($"/settings/ledger.json?__session={Uri.EscapeDataString(ticket)}");
        Assert.Equal(expected, response.StatusCode);
    }

    private async Task<string> IframeTicketAsync(HttpClient http, TenantAdmin admin)
    {
        var url = await PipedriveHost.IframeUrlAsync(Deployment, admin.CompanyId, admin.UserId);
        using var response = await http.GetAsync(url.PathAndQuery);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"the iframe answered {(int)response.StatusCode}: {html}");
        return PipedriveHost.TicketOf(html) ?? throw new InvalidOperationException("The settings page carries no session ticket.");
    }

    /// <summary>Starts the OAuth flow in <paramref name="browser"/> and approves it as the given user; returns the callback.</summary>
    private async Task<string> ApprovedCallbackAsync(HttpClient browser, long companyId, long userId)
    {
        using var start = await browser.GetAsync("/pipedrive/install");
        var authorize = System.Web.HttpUtility.ParseQueryString(start.Headers.Location!.Query);
        var approval = await Deployment.Sandbox.ControlPostAsync("pipedrive", "oauth/approve", new
        {
            companyId,
            userId,
            clientId = authorize["client_id"],
            redirectUri = authorize["redirect_uri"],
            state = authorize["state"],
        });
        return new Uri((string)approval!["location"]!).PathAndQuery;
    }

    private HttpClient Stranger() =>
        new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = Deployment.Web.BaseAddress };

    /// <summary>A token whose payload was replaced by another's while its signature was kept.</summary>
    private static string SwapPayload(string token, string other) =>
        string.Join('.', token.Split('.')[0], other.Split('.')[1], token.Split('.')[2]);
}
