using Microsoft.Playwright;
using PipedriveMaileon.IntegrationTests.Contacts;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PipedriveMaileon.IntegrationTests.Tenants;

/// <summary>
/// An admin in a real browser (Debian chromium via Playwright): installs at the sandbox's consent page, enters an
/// expired key and reads why it was refused, enters a good key, picks extra fields, saves, and sees the status
/// panel healthy. The final page is kept as a screenshot under TestResults/screenshots.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class SettingsBrowserTests(DeploymentFixture fixture, ITestOutputHelper output)
{
    private SandboxDeployment Deployment => fixture.Deployment;

    [Fact]
    public async Task AnAdminInstallsFixesABadKeyPicksExtraFieldsAndSeesTheStatusTurnHealthy()
    {
        var sandbox = Deployment.Sandbox;
        var account = await sandbox.ControlPostAsync("maileon", "accounts", new { name = "Browser Tour newsletters", doiMailingKeys = new[] { "doi-default" } });
        var accountId = (long)account!["id"]!;
        var goodKey = (string)account["keys"]![0]!["key"]!;
        var expiredKey = (string)(await sandbox.ControlPostAsync("maileon", $"accounts/{accountId}/keys", new { expiresAt = DateTimeOffset.UtcNow.AddDays(-3) }))!["key"]!;
        var company = await sandbox.ControlPostAsync("pipedrive", "companies", new { name = "Browser Tour GmbH", adminName = "Bea Browser" });
        var companyId = (long)company!["id"]!;
        var userId = (long)company["users"]![0]!["id"]!;
        var tier = await sandbox.ControlPostAsync("pipedrive", $"companies/{companyId}/fields", new { name = "Customer tier", fieldType = "varchar" });

        await using var browser = await BrowserSession.StartAsync();
        var page = browser.Page;
        try
        {
            // Install: our /pipedrive/install → Pipedrive's consent page → back to our settings page.
            await page.GotoAsync(new Uri(Deployment.Web.BaseAddress, "/pipedrive/install").ToString());
            await page.Locator("select[name=account]").SelectOptionAsync($"{companyId}:{userId}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Allow and install" }).ClickAsync();
            await page.WaitForURLAsync("**/settings");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Browser Tour GmbH" })).ToBeVisibleAsync();

            // An expired key is refused with its reason, and the field is empty again.
            await page.GetByTestId("api-key").FillAsync(expiredKey);
            await page.GetByTestId("save").ClickAsync();
            await Assertions.Expect(page.GetByTestId("api-key-error")).ToContainTextAsync("validity period has expired");
            await Assertions.Expect(page.GetByTestId("form-errors")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("api-key")).ToHaveValueAsync(string.Empty);

            // The good key, DOI+, deal events and two extra fields from the live drop-downs.
            await page.GetByTestId("api-key").FillAsync(goodKey);
            await page.GetByTestId("permission-doiplus").CheckAsync();
            await page.GetByTestId("deal-events").CheckAsync();
            await page.GetByTestId("extra-field-0").SelectOptionAsync((string)tier!["key"]!);
            await page.GetByTestId("extra-field-1").SelectOptionAsync("phone");
            await page.GetByTestId("save").ClickAsync();

            await Assertions.Expect(page.GetByTestId("notice")).ToHaveTextAsync("Settings saved.");
            await Assertions.Expect(page.GetByTestId("pipedrive-health")).ToHaveTextAsync("connected");
            await Assertions.Expect(page.GetByTestId("maileon-health")).ToHaveTextAsync("connected");
            await Assertions.Expect(page.GetByTestId("api-key-error")).ToBeEmptyAsync();
            var hooks = page.GetByTestId("webhooks").Locator("tr:has(td)");
            await Assertions.Expect(hooks).ToHaveCountAsync(8); // person and deal × create/change/delete, Maileon doi and unsubscription
            foreach (var row in await hooks.AllAsync())
            {
                await Assertions.Expect(row).ToContainTextAsync("healthy");
            }

            await Assertions.Expect(page.GetByTestId("setup-steps").Locator(".badge.bad")).ToHaveCountAsync(0);

            // Opened again (a GET, not a reload, which would post the form again) the choices are still there.
            await page.GotoAsync(new Uri(Deployment.Web.BaseAddress, "/settings").ToString());
            await Assertions.Expect(page.GetByTestId("extra-field-0")).ToHaveValueAsync((string)tier["key"]!);
            await Assertions.Expect(page.GetByTestId("extra-field-1")).ToHaveValueAsync("phone");
            await Assertions.Expect(page.GetByTestId("permission-doiplus")).ToBeCheckedAsync();
            Assert.DoesNotContain(goodKey, await page.ContentAsync(), StringComparison.Ordinal);
            Assert.Contains("Customer tier", await new SandboxView(Deployment).MaileonCustomFieldsAsync(goodKey));
        }
        finally
        {
            output.WriteLine("screenshot: " + await browser.ScreenshotAsync("tenant-settings-healthy"));
        }
    }
}
