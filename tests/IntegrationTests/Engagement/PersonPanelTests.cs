using System.Net;
using Microsoft.Playwright;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using PipedriveMaileon.IntegrationTests.Tenants;
using Xunit.Abstractions;

namespace PipedriveMaileon.IntegrationTests.Engagement;

/// <summary>
/// The person panel "Maileon" inside the Pipedrive sandbox's person view (the app on another site, signed in from
/// Pipedrive's token, third-party cookies blocked), for an admin and for a regular user: both see the consent status,
/// the last consent changes and the last mailing with its opens and clicks, and the full history; only the admin gets
/// the way into the settings, which the regular user is refused. Screenshots go to TestResults/screenshots.
/// </summary>
[Collection(ExtensionCollection.Name)]
public sealed class PersonPanelTests(ExtensionDeploymentFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task AnAdminAndARegularUserSeeTheMaileonPanelOfAPersonAndOnlyTheAdminReachesTheSettings()
    {
        using var tenant = await SyncedTenant.CreateAsync(fixture.Deployment, "Panel Insights GmbH", doiPlus: true);
        var driver = new EngagementDriver(tenant);
        var (personId, email) = (await driver.SubscribedPersonsAsync("panel", 1))[0];
        await driver.EnableAsync();
        var mailing = await driver.SendMailingAsync();
        await driver.TrackAsync(mailing, [new { email, opens = 3, clicks = new[] { EngagementDriver.Pricing } }]);
        await driver.PollAndWaitAsync();
        await Eventually.TrueAsync(async () => (await driver.TimelineAsync()).Count == 1, TimeSpan.FromSeconds(30), () => tenant.Diagnostics());
        var regular = await fixture.Deployment.Sandbox.ControlPostAsync("pipedrive", $"companies/{tenant.CompanyId}/users", new { name = "Rita Regular", email = "rita@panel-insights.example", isAdmin = false });
        var regularId = (long)regular!["id"]!;

        await using var browser = await BrowserSession.StartAsync(blockThirdPartyCookies: true);
        foreach (var (userId, who) in new[] { (tenant.Admin.UserId, "admin"), (regularId, "regular") })
        {
            var panel = await OpenPanelAsync(browser.Page, personId, userId);
            await Assertions.Expect(panel.GetByTestId("panel-consent")).ToContainTextAsync("Subscribed");
            await Assertions.Expect(panel.GetByTestId("panel-consent")).ToContainTextAsync(email);
            await Assertions.Expect(panel.GetByTestId("panel-mailing")).ToContainTextAsync(EngagementDriver.Subject);
            await Assertions.Expect(panel.GetByTestId("panel-mailing").Locator("td").Nth(1)).ToHaveTextAsync("3");
            await Assertions.Expect(panel.GetByTestId("panel-mailing").Locator("td").Nth(2)).ToHaveTextAsync("1 (1 link)");
            await Assertions.Expect(panel.GetByTestId("panel-ledger")).ToContainTextAsync("Pending → Subscribed");
            await Assertions.Expect(panel.GetByTestId("panel-admin-history")).ToHaveCountAsync(who == "admin" ? 1 : 0);
            await Assertions.Expect(browser.Page.GetByTestId("history")).ToContainTextAsync($"Opened '{EngagementDriver.Subject}' 3 times · clicked 1 link");
            output.WriteLine(await browser.ScreenshotAsync($"engagement-panel-{who}", fullPage: false));

            await panel.GetByTestId("panel-full-history").ClickAsync();
            await Assertions.Expect(panel.GetByTestId("panel-ledger")).ToContainTextAsync("None → Pending");
            await Assertions.Expect(panel.GetByTestId("panel-full-history")).ToHaveCountAsync(0);
        }

        // Only admins change settings: the regular user's settings iframe says whom to ask.
        var settings = await new HttpClient().GetAsync(await PipedriveHost.IframeUrlAsync(fixture.Deployment, tenant.CompanyId, regularId));
        Assert.Equal(HttpStatusCode.Forbidden, settings.StatusCode);
        Assert.Contains("Ask an admin of Panel Insights GmbH", await settings.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Opens the sandbox's person view as <paramref name="userId"/> and waits until the panel initialised the SDK.</summary>
    private async Task<IFrameLocator> OpenPanelAsync(IPage page, long personId, long userId)
    {
        await page.GotoAsync(new Uri(fixture.Deployment.Sandbox.PipedriveUrl, $"/pipedrive/persons/{personId}?user={userId}").ToString());
        await Assertions.Expect(page.Locator("[data-testid=app-frame][data-initialized=true]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        return page.FrameLocator("[data-testid=app-frame]");
    }
}
