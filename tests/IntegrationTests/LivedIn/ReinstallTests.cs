using PipedriveMaileon.IntegrationTests.Contacts;
using PipedriveMaileon.IntegrationTests.Infrastructure;

namespace PipedriveMaileon.IntegrationTests.LivedIn;

/// <summary>
/// Issue 12, rule 2 (the tenant's part): reconciliation's checkpoints survive an uninstall, so a re-install catches
/// up on what changed while the app was away; a key of another Maileon account removes the old account's webhooks.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class ReinstallTests(DeploymentFixture fixture)
{
    private SandboxDeployment Deployment => fixture.Deployment;

    [Fact]
    public async Task AReinstallCatchesUpOnChangesMadeWhileTheAppWasUninstalled()
    {
        using var tenant = await SyncedTenant.CreateAsync(Deployment, "Comeback GmbH");
        const string Kept = "kim.kept@comeback.example";
        const string Late = "lou.late@comeback.example";
        var kim = await tenant.CreatePersonAsync("Kim Kept", Kept);
        var lou = await tenant.CreatePersonAsync("Lou Late", Late);
        await tenant.SetNewsletterAsync(kim, "Subscribe");
        await tenant.NewsletterBecomesAsync(kim, "Awaiting confirmation");
        await tenant.ConfirmDoiAsync(Kept);
        await tenant.NewsletterBecomesAsync(kim, "Subscribed");
        await tenant.QuietAsync();

        var outcome = await Deployment.Sandbox.ControlPostAsync("pipedrive", $"companies/{tenant.CompanyId}/uninstall", new { });
        Assert.Equal("200", outcome!["callbackStatus"]!.ToString());

        // While the app is away: Kim unsubscribes through Maileon's link, a user asks for Lou's subscription.
        // Neither side can tell the app (its webhooks are gone on both sides).
        await tenant.UnsubscribeInMaileonAsync(Kept);
        await tenant.SetNewsletterAsync(lou, "Subscribe");
        await tenant.QuietAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal("Subscribed", await tenant.NewsletterAsync(kim));
        Assert.Equal("Subscribe", await tenant.NewsletterAsync(lou));

        await tenant.Admin.InstallAsync();
        Assert.Contains("Settings saved.", await tenant.Admin.SaveSettingsAsync(tenant.ApiKey), StringComparison.Ordinal);

        // Reconciliation continues from where it stood at the uninstall, not from now.
        await tenant.NewsletterBecomesAsync(kim, "Unsubscribed", seconds: 60);
        await tenant.NewsletterBecomesAsync(lou, "Awaiting confirmation", seconds: 60);
        Assert.Single(await tenant.DoiMailsAsync(Late));
        Assert.Empty(await tenant.MaileonContactsAsync(Kept)); // never re-subscribed
    }

    [Fact]
    public async Task AKeyOfAnotherMaileonAccountRemovesTheOldAccountsWebhooks()
    {
        using var tenant = await SyncedTenant.CreateAsync(Deployment, "Switching AG");
        Assert.Equal(2, await WebhooksAsync(tenant.MaileonAccountId, tenant.CompanyId));
        var other = await Deployment.Sandbox.ControlPostAsync("maileon", "accounts", new { name = "Switching AG new newsletters", doiMailingKeys = new[] { "doi-default" } });
        var otherKey = (string)other!["keys"]![0]!["key"]!;

        Assert.Contains("Settings saved.", await tenant.Admin.SaveSettingsAsync(otherKey), StringComparison.Ordinal);

        Assert.Equal(0, await WebhooksAsync(tenant.MaileonAccountId, tenant.CompanyId));
        Assert.Equal(2, await WebhooksAsync((long)other["id"]!, tenant.CompanyId));
        Assert.Contains("webhook(s) of the old account removed", System.Net.WebUtility.HtmlDecode(await tenant.Admin.SettingsPageAsync()), StringComparison.Ordinal);

        // A new key of the same account (a rotation) is no switch: its webhooks stay.
        var rotated = await Deployment.Sandbox.ControlPostAsync("maileon", $"accounts/{(long)other["id"]!}/keys", new { });
        Assert.Contains("Settings saved.", await tenant.Admin.SaveSettingsAsync((string)rotated!["key"]!), StringComparison.Ordinal);
        Assert.Equal(2, await WebhooksAsync((long)other["id"]!, tenant.CompanyId));
    }

    private async Task<int> WebhooksAsync(long accountId, long companyId) =>
        (await Deployment.Sandbox.ControlGetAsync("maileon", $"webhooks?accountId={accountId}"))!.AsArray()
            .Count(h => ((string?)h!["url"])?.Contains($"/webhooks/maileon/{companyId}/", StringComparison.Ordinal) == true);
}
