using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PipedriveMaileon.IntegrationTests.Tenants;

/// <summary>
/// The settings page as Pipedrive shows it: inside the sandbox's "Apps → Maileon → Settings" iframe host (127.0.0.1)
/// with the app on another site (localhost), in a Chromium that blocks third-party cookies. The admin's whole visit —
/// SDK handshake, save with snackbar, live reconciliation progress, a person's history, the ledger download, the
/// theme, and the uninstall through Pipedrive's confirmation dialog — works without a single cookie, and the old
/// session is refused everywhere afterwards. Screenshots (light, dark, inside the host) go to TestResults/screenshots.
/// </summary>
[Collection(ExtensionCollection.Name)]
public sealed class SettingsExtensionTests(ExtensionDeploymentFixture fixture, ITestOutputHelper output)
{
    private SandboxDeployment Deployment => fixture.Deployment;

    [Fact]
    public async Task ThirdPartyCookiesAreBlockedInTheIframeButNotInTheControlBrowser()
    {
        using var tenant = await SyncedTenant.CreateAsync(Deployment, "Cookie Probe GmbH");
        Assert.False(await ProbeCookieReachesTheIframeAsync(tenant, blockThirdPartyCookies: true), "the blocking browser sent a third-party cookie into the iframe");
        Assert.True(await ProbeCookieReachesTheIframeAsync(tenant, blockThirdPartyCookies: false), "control: the allowing browser did not send it either, so the check proves nothing");
    }

    [Fact]
    public async Task AnAdminUsesTheSettingsInsidePipedriveWithThirdPartyCookiesBlocked()
    {
        using var tenant = await SyncedTenant.CreateAsync(Deployment, "Iframe Tour GmbH");
        var person = await tenant.CreatePersonAsync("Iris Iframe", "iris@iframe-tour.example");
        await tenant.SetNewsletterAsync(person, "Subscribe");
        await tenant.NewsletterBecomesAsync(person, "Awaiting confirmation");

        await using var browser = await BrowserSession.StartAsync(blockThirdPartyCookies: true);
        var host = new PipedriveHost(Deployment, browser.Page);
        var appCookies = new List<string>();
        browser.Page.RequestFinished += async (_, request) =>
        {
            if (request.Url.StartsWith(Deployment.Sandbox.SettingsUrl.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)
                && (await request.AllHeadersAsync()).TryGetValue("cookie", out var cookie))
            {
                appCookies.Add(cookie);
            }
        };
        try
        {
            // The SDK handshake: initialize with a size, then resizes as the page settles.
            var frame = await host.OpenAsync(tenant.CompanyId, tenant.Admin.UserId);
            var first = (await host.MessagesAsync()).First(m => (string?)m!["type"] == "command");
            Assert.Equal("initialize", (string?)first!["command"]);
            Assert.True((int?)first["args"]!["size"]!["height"] > 100, first.ToJsonString());
            await Assertions.Expect(host.App.Locator("html")).ToHaveAttributeAsync("data-theme", "light");
            await Assertions.Expect(host.App.GetByRole(AriaRole.Heading, new() { Name = "Iframe Tour GmbH" })).ToBeVisibleAsync();
            await Eventually.TrueAsync(async () => await host.CountAsync("resize") > 0, TimeSpan.FromSeconds(10), () => "the page never asked the host to resize its iframe");

            // Save: the page confirms with Pipedrive's snackbar.
            await host.App.GetByTestId("permission-doiplus").CheckAsync();
            await host.App.GetByTestId("save").ClickAsync();
            await Assertions.Expect(host.App.GetByTestId("notice")).ToHaveTextAsync("Settings saved.");
            await Assertions.Expect(browser.Page.GetByTestId("host-snackbar")).ToHaveTextAsync("Settings saved.");
            await Assertions.Expect(host.App.GetByTestId("permission-doiplus")).ToBeCheckedAsync();

            await LiveProgressAsync(host, frame);
            await PersonHistoryAsync(host, person);
            var ticket = await frame.EvaluateAsync<string>("() => document.querySelector('meta[name=\"pm-session\"]').content");
            await LedgerDownloadAsync(host, browser.Page);
            await ThemeAsync(host, browser, tenant);

            // Uninstall: Pipedrive's confirmation dialog first; Cancel keeps everything, OK uninstalls.
            await host.App.GetByTestId("uninstall").ClickAsync();
            await Assertions.Expect(browser.Page.GetByTestId("host-confirm")).ToBeVisibleAsync();
            await Assertions.Expect(browser.Page.GetByTestId("host-confirm")).ToContainTextAsync("Uninstall Maileon for Pipedrive?");
            await browser.Page.GetByTestId("host-confirm-cancel").ClickAsync();
            await Assertions.Expect(host.App.GetByTestId("tenant-status")).ToHaveTextAsync("Active");
            await host.App.GetByTestId("uninstall").ClickAsync();
            await browser.Page.GetByTestId("host-confirm-ok").ClickAsync();
            await Assertions.Expect(host.App.GetByTestId("uninstalled")).ToBeVisibleAsync();
            Assert.Equal(2, await host.CountAsync("show_confirmation"));
            await Eventually.TrueAsync(
                async () => await TestPostgres.ScalarAsync<string>(Deployment.Cluster.ConnectionString, $"SELECT status FROM tenants WHERE company_id = {tenant.CompanyId}") == "Uninstalled",
                TimeSpan.FromSeconds(10), () => "the tenant is not uninstalled");

            // Not one cookie went to the app all along, and the old session now opens nothing.
            Assert.Empty(appCookies);
            await SettingsRoutes.AssertAllRefuseAsync(Deployment, ticket, person);
        }
        finally
        {
            output.WriteLine("screenshot: " + await browser.ScreenshotAsync("settings-in-pipedrive-final"));
            output.WriteLine("SDK messages: " + (await host.MessagesAsync()).ToJsonString());
        }
    }

    /// <summary>A run with Maileon's report slowed down shows "running", then its outcome, without the page reloading.</summary>
    private async Task LiveProgressAsync(PipedriveHost host, IFrame frame)
    {
        await Deployment.Sandbox.ControlPostAsync("maileon", "faults", new { pathPattern = "^/1.0/reports/unsubscriptions$", latencyMs = 4000, times = 1 });
        await host.App.GetByTestId("run-reconciliation").ClickAsync();
        await Assertions.Expect(host.App.GetByTestId("reconciliation-running")).ToBeVisibleAsync();
        await frame.EvaluateAsync("() => { window.pmNotReloaded = true; }");
        var initializations = await host.CountAsync("initialize");
        await Assertions.Expect(host.App.GetByTestId("reconciliation-running")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Assertions.Expect(host.App.GetByTestId("reconciliation-summary")).Not.ToContainTextAsync("never");
        Assert.True(await frame.EvaluateAsync<bool>("() => window.pmNotReloaded === true"), "the page reloaded instead of updating the panel");
        Assert.Equal(initializations, await host.CountAsync("initialize"));
    }

    private static async Task PersonHistoryAsync(PipedriveHost host, long person)
    {
        await host.App.GetByTestId("person-id").FillAsync(person.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await host.App.GetByTestId("show-person").ClickAsync();
        await Assertions.Expect(host.App.GetByTestId("person-title")).ToContainTextAsync(person.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(host.App.GetByTestId("ledger")).ToContainTextAsync("iris@iframe-tour.example");
        await host.App.GetByTestId("back-to-settings").ClickAsync();
        await Assertions.Expect(host.App.GetByTestId("tenant-status")).ToHaveTextAsync("Active");
    }

    private static async Task LedgerDownloadAsync(PipedriveHost host, IPage page)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => host.App.GetByTestId("export-csv").ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("person_id,sequence,occurred_at", csv, StringComparison.Ordinal);
        Assert.Contains("iris@iframe-tour.example", csv, StringComparison.Ordinal);
    }

    /// <summary>Dark from the iframe URL, and a switch in Pipedrive reaching the open page through the SDK's event.</summary>
    private async Task ThemeAsync(PipedriveHost host, BrowserSession browser, SyncedTenant tenant)
    {
        await browser.Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        output.WriteLine("screenshot: " + await browser.ScreenshotAsync("settings-in-pipedrive-light", fullPage: false));
        await host.OpenAsync(tenant.CompanyId, tenant.Admin.UserId, theme: "dark");
        await Assertions.Expect(host.App.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        output.WriteLine("screenshot: " + await browser.ScreenshotAsync("settings-in-pipedrive-dark", fullPage: false));
        await browser.Page.GetByTestId("host-theme-toggle").ClickAsync();
        await Assertions.Expect(host.App.Locator("html")).ToHaveAttributeAsync("data-theme", "light");
    }

    /// <summary>
    /// Sets a SameSite=None; Secure cookie on the app's origin in a first-party visit, then opens the host page and
    /// reports whether the iframe's request carried it.
    /// </summary>
    private async Task<bool> ProbeCookieReachesTheIframeAsync(SyncedTenant tenant, bool blockThirdPartyCookies)
    {
        await using var browser = await BrowserSession.StartAsync(blockThirdPartyCookies);
        var appOrigin = Deployment.Sandbox.SettingsUrl.GetLeftPart(UriPartial.Authority);
        await browser.Page.GotoAsync(appOrigin + "/health/live");
        await browser.Page.EvaluateAsync("() => { document.cookie = 'pm_probe=1; SameSite=None; Secure; Path=/'; }");
        Assert.Contains("pm_probe=1", await browser.Page.EvaluateAsync<string>("() => document.cookie"), StringComparison.Ordinal);

        var sent = new List<string>();
        browser.Page.RequestFinished += async (_, request) =>
        {
            if (request.Url.StartsWith(appOrigin + "/pipedrive-app", StringComparison.Ordinal))
            {
                sent.Add((await request.AllHeadersAsync()).GetValueOrDefault("cookie") ?? string.Empty);
            }
        };
        await new PipedriveHost(Deployment, browser.Page).OpenAsync(tenant.CompanyId, tenant.Admin.UserId);
        await Eventually.TrueAsync(() => Task.FromResult(sent.Count > 0), TimeSpan.FromSeconds(10), () => "the iframe request was not seen");
        return sent.Any(cookie => cookie.Contains("pm_probe=1", StringComparison.Ordinal));
    }
}
