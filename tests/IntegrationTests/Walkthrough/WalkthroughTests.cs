using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PipedriveMaileon.IntegrationTests.Walkthrough;

/// <summary>
/// The README's "Try it in five minutes", step by step, in a real browser on a deployment like the one
/// <c>./run.sh</c> starts (the sandbox's seeded Demo GmbH and Demo newsletter account): install, connect Maileon,
/// subscribe Max with DOI, confirm it in the Maileon console, see "Subscribed" in the Pipedrive console, a deal
/// event, an unsubscribe. Every picture the README shows is taken here (<see cref="WalkthroughScreenshots"/>).
/// </summary>
public sealed partial class WalkthroughTests(ITestOutputHelper output)
{
    private const string Max = "Max Mustermann";
    private const string MaxEmail = "max@musterkunde.example";
    private static readonly TimeSpan SyncTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_newcomer_installs_subscribes_with_doi_sends_a_deal_event_and_unsubscribes()
    {
        await using var deployment = await SandboxDeployment.StartAsync("walkthrough", browserOAuthHost: "localhost");
        await using var browser = await BrowserSession.StartAsync();
        var shots = new WalkthroughScreenshots(output);
        var pipedrive = browser.Page;
        var maileon = await browser.Context.NewPageAsync();
        try
        {
            // 2. Install the app from the Pipedrive sandbox; 3. allow it on the consent page.
            await pipedrive.GotoAsync(new Uri(deployment.Sandbox.PipedriveUrl, "/pipedrive").ToString());
            await shots.PageAsync(pipedrive, "01-pipedrive-sandbox");
            await pipedrive.GetByRole(AriaRole.Link, new() { Name = "Install the app" }).ClickAsync();
            Assert.Equal("localhost", new Uri(pipedrive.Url).Host); // the browser-facing OAuth address
            var demo = await pipedrive.Locator("option", new() { HasText = "Demo GmbH" }).First.GetAttributeAsync("value");
            await pipedrive.GetByLabel("Company and user").SelectOptionAsync(demo!);
            await shots.PageAsync(pipedrive, "02-consent");
            await pipedrive.GetByRole(AriaRole.Button, new() { Name = "Allow and install" }).ClickAsync();
            await pipedrive.WaitForURLAsync("**/settings");
            var settingsUrl = pipedrive.Url;

            // 4. Copy the Maileon key from the Maileon sandbox, paste it into the settings, save.
            await maileon.GotoAsync(new Uri(deployment.Sandbox.MaileonUrl, "/maileon").ToString());
            var accounts = maileon.GetByRole(AriaRole.Table).Filter(new() { HasText = "Demo newsletter account" }).First;
            var apiKey = await accounts.GetByRole(AriaRole.Row).Filter(new() { HasText = "Demo newsletter account" }).Locator("code").First.InnerTextAsync();
            await shots.ElementAsync(accounts, "03-maileon-key");
            await pipedrive.GetByLabel("Maileon API key").FillAsync(apiKey);
            await pipedrive.GetByLabel("Send deal created/updated/deleted to Maileon").CheckAsync();
            await pipedrive.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
            await Assertions.Expect(pipedrive.GetByText("Settings saved.")).ToBeVisibleAsync();
            await shots.PageAsync(pipedrive, "04-settings-saved");

            // 5. Subscribe Max in Pipedrive: the app answers "Awaiting confirmation".
            await OpenPipedriveConsoleAsync(pipedrive, deployment);
            var maxRow = PersonRow(pipedrive, Max);
            await maxRow.GetByRole(AriaRole.Combobox).SelectOptionAsync(new SelectOptionValue { Label = "Subscribe" });
            await maxRow.GetByRole(AriaRole.Button, new() { Name = "Set Newsletter" }).ClickAsync();
            // The form posts and is redirected here: reloading before that navigation ends fails in the browser.
            await pipedrive.WaitForURLAsync("**/pipedrive?company=*");
            await NewsletterBecomesAsync(pipedrive, "Awaiting confirmation");
            await shots.ElementAsync(PersonsTable(pipedrive), "05-awaiting-confirmation");

            // 6. Confirm the DOI in the Maileon sandbox; Pipedrive shows "Subscribed".
            await ReloadUntilAsync(maileon, async () => await ContactRow(maileon).GetByRole(AriaRole.Button, new() { Name = "confirm DOI" }).CountAsync() == 1, "no DOI pending for Max in Maileon");
            await shots.ElementAsync(ContactsTable(maileon), "06-confirm-doi");
            await ContactRow(maileon).GetByRole(AriaRole.Button, new() { Name = "confirm DOI" }).ClickAsync();
            await Assertions.Expect(maileon.GetByText("DOI confirmed for contact")).ToBeVisibleAsync();
            await NewsletterBecomesAsync(pipedrive, "Subscribed");
            await shots.ElementAsync(PersonsTable(pipedrive), "07-subscribed");

            // 7. A deal for Max becomes a pipedrive_deal_added event on his Maileon contact.
            var maxId = (await PersonRow(pipedrive, Max).GetByRole(AriaRole.Cell).First.InnerTextAsync()).Trim();
            await pipedrive.GetByPlaceholder("title", new() { Exact = true }).FillAsync("Website relaunch");
            await pipedrive.GetByPlaceholder("person id").FillAsync(maxId);
            await pipedrive.GetByPlaceholder("value").FillAsync("12000");
            await pipedrive.GetByRole(AriaRole.Button, new() { Name = "Create deal" }).ClickAsync();
            var dealAdded = maileon.GetByRole(AriaRole.Row).Filter(new() { HasText = "pipedrive_deal_added" });
            await ReloadUntilAsync(maileon, async () => await dealAdded.Filter(new() { HasText = MaxEmail }).CountAsync() == 1, "no pipedrive_deal_added event for Max in Maileon");
            Assert.Contains("Website relaunch", await dealAdded.InnerTextAsync(), StringComparison.Ordinal);
            await shots.ElementAsync(maileon.GetByRole(AriaRole.Table).Filter(new() { HasText = "pipedrive_deal_added" }), "08-deal-event");

            // 8. Max unsubscribes through the mail's link; Pipedrive shows "Unsubscribed".
            await ContactRow(maileon).GetByRole(AriaRole.Button, new() { Name = "unsubscribe (mail link)" }).ClickAsync();
            await Assertions.Expect(maileon.GetByText("unsubscribed via the mail link")).ToBeVisibleAsync();
            await NewsletterBecomesAsync(pipedrive, "Unsubscribed");
            await shots.ElementAsync(PersonsTable(pipedrive), "09-unsubscribed");

            // The settings page leads to Max's consent history: subscribe, DOI, unsubscribe.
            await pipedrive.GotoAsync(settingsUrl);
            await pipedrive.GetByPlaceholder("Pipedrive person id").FillAsync(maxId);
            await pipedrive.GetByRole(AriaRole.Button, new() { Name = "Show a person's consent history" }).ClickAsync();
            await pipedrive.WaitForURLAsync("**/settings/people?*");
            await ReloadUntilAsync(pipedrive, async () => (await pipedrive.ContentAsync()).Contains("Now: <strong>Unsubscribed</strong>", StringComparison.Ordinal)
                && await pipedrive.GetByRole(AriaRole.Row).Filter(new() { HasText = "→ Unsubscribed" }).CountAsync() > 0, "Max's consent history does not end unsubscribed");
        }
        finally
        {
            output.WriteLine("last page: " + await browser.ScreenshotAsync("walkthrough-last"));
        }

        shots.PublishIfAsked();
    }

    [Fact]
    public void Every_walkthrough_picture_is_in_the_readme_and_every_picture_it_shows_is_committed()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "README.md"));
        var shown = ReadmeImage().Matches(readme).Select(m => m.Groups[1].Value).ToList();

        // The README also shows pictures other browser tests take (the settings page inside the Pipedrive host).
        Assert.Empty(WalkthroughScreenshots.Names.Except(shown));
        Assert.All(shown, name => Assert.True(File.Exists(Path.Combine(WalkthroughScreenshots.DocsFolder, name + ".png")), $"docs/screenshots/{name}.png is missing"));
    }

    private static async Task OpenPipedriveConsoleAsync(IPage page, SandboxDeployment deployment) =>
        await page.GotoAsync(new Uri(deployment.Sandbox.PipedriveUrl, "/pipedrive").ToString());

    private static ILocator PersonsTable(IPage page) =>
        page.GetByRole(AriaRole.Table).Filter(new() { HasText = Max }).First;

    private static ILocator PersonRow(IPage page, string name) =>
        page.GetByRole(AriaRole.Row).Filter(new() { HasText = name }).First;

    private static ILocator ContactsTable(IPage page) =>
        page.GetByRole(AriaRole.Table).Filter(new() { Has = page.GetByRole(AriaRole.Columnheader, new() { Name = "external id" }) }).First;

    private static ILocator ContactRow(IPage page) =>
        ContactsTable(page).GetByRole(AriaRole.Row).Filter(new() { HasText = MaxEmail });

    /// <summary>Reloads the Pipedrive console until Max's Newsletter cell reads exactly <paramref name="label"/>.</summary>
    private static Task NewsletterBecomesAsync(IPage page, string label) =>
        ReloadUntilAsync(page, async () => (await PersonRow(page, Max).GetByRole(AriaRole.Cell).Nth(3).InnerTextAsync()).Trim() == label,
            $"Max's Newsletter never became '{label}'");

    private static async Task ReloadUntilAsync(IPage page, Func<Task<bool>> condition, string failure)
    {
        await Eventually.TrueAsync(
            async () =>
            {
                await page.ReloadAsync();
                return await condition();
            },
            SyncTimeout,
            () => failure);
    }

    [GeneratedRegex(@"!\[[^\]]*\]\(docs/screenshots/([a-z0-9-]+)\.png\)")]
    private static partial Regex ReadmeImage();
}
