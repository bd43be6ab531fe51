using System.Net;
using PipedriveMaileon.IntegrationTests.Contacts;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PipedriveMaileon.IntegrationTests.Tenants;

/// <summary>
/// Install → save settings sets up both sides exactly once, however often it is saved; what an admin deletes on
/// either side comes back, once, from "Check and repair setup".
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class TenantSetupTests(DeploymentFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] PersonAndDealEvents =
        ["deal.change", "deal.create", "deal.delete", "person.change", "person.create", "person.delete"];

    private static readonly string[] MaileonEvents = ["doi", "unsubscription"];

    private SandboxDeployment Deployment => fixture.Deployment;

    private SandboxView View => new(Deployment);

    [Fact]
    public async Task SavingTwiceCreatesTheNewsletterFieldWebhooksAndMaileonFieldsExactlyOnce()
    {
        var (accountId, apiKey) = await NewMaileonAccountAsync("Once GmbH");
        using var admin = await TenantAdmin.InstallNewCompanyAsync(Deployment, "Once GmbH");
        await AddPersonFieldAsync(admin.CompanyId, "Shoe size", "double");
        var shoeSize = await FieldKeyAsync(admin.CompanyId, "Shoe size");
        var mark = await View.JournalMarkAsync("maileon");

        Assert.Contains("Settings saved.", await admin.SaveSettingsAsync(apiKey, dealEvents: true, extraFields: shoeSize), StringComparison.Ordinal);
        Assert.Contains("Settings saved.", await admin.SaveSettingsAsync(apiKey: null, dealEvents: true, extraFields: shoeSize), StringComparison.Ordinal);

        Assert.Single(await View.PersonFieldsAsync(admin.CompanyId, "Newsletter"));
        Assert.Equal(PersonAndDealEvents, await View.PipedriveWebhookEventsAsync(admin.CompanyId));
        Assert.All(await View.PipedriveWebhooksAsync(admin.CompanyId), w =>
            Assert.Equal($"{Deployment.Web.BaseAddress.ToString().TrimEnd('/')}/webhooks/pipedrive/{admin.CompanyId}", (string?)w["subscription_url"]));
        Assert.Equal(MaileonEvents, await View.MaileonWebhookEventsAsync(accountId));
        Assert.Equal(["Shoe size", "createdByPipedrive", "owner_email", "owner_name", "pipedriveId"], await View.MaileonCustomFieldsAsync(apiKey));

        // Each Maileon field and webhook was created by one request only (the second save found them).
        var posts = (await View.MaileonRequestsWithKeyAsync(apiKey, mark)).Where(r => (string?)r["method"] == "POST").Select(r => (string)r["path"]!).ToList();
        output.WriteLine(string.Join('\n', posts));
        var fieldCreations = posts.Where(p => p.StartsWith("/1.0/contacts/fields/custom/", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, fieldCreations.Count);
        Assert.Equal(5, fieldCreations.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(2, posts.Count(p => p == "/1.0/webhooks"));

        // Deal events off again: the deal webhooks go, the person webhooks stay.
        await admin.SaveSettingsAsync(apiKey: null, dealEvents: false, extraFields: shoeSize);
        Assert.Equal(["person.change", "person.create", "person.delete"], await View.PipedriveWebhookEventsAsync(admin.CompanyId));
    }

    [Fact]
    public async Task WhatAnAdminDeletesOnEitherSideComesBackOnceFromCheckAndRepair()
    {
        var (accountId, apiKey) = await NewMaileonAccountAsync("Repair AG");
        using var admin = await TenantAdmin.InstallNewCompanyAsync(Deployment, "Repair AG");
        Assert.Contains("Settings saved.", await admin.SaveSettingsAsync(apiKey), StringComparison.Ordinal);
        var oldField = Assert.Single(await View.PersonFieldsAsync(admin.CompanyId, "Newsletter"));
        var personCreate = (await View.PipedriveWebhooksAsync(admin.CompanyId)).Single(w => (string?)w["event_action"] == "create");
        var doiHook = (await View.MaileonWebhooksAsync(accountId)).Single(w => (string?)w["event"] == "doi");

        await View.DeletePersonFieldAsync(admin.CompanyId, "Newsletter");
        await View.DeletePipedriveWebhookAsync((long)personCreate["id"]!);
        await View.DeleteMaileonWebhookAsync(apiKey, (long)doiHook["id"]!);
        Assert.Empty(await View.PersonFieldsAsync(admin.CompanyId, "Newsletter"));

        var page = SetupSteps(await admin.PostHandlerAsync("Repair"));
        Assert.Contains("had been deleted in Pipedrive and was created again", page, StringComparison.Ordinal);
        Assert.Contains("3 webhooks in place (1 created, 0 stale removed).", page, StringComparison.Ordinal);
        Assert.Contains("doi and unsubscription webhooks in place (1 created, 0 stale removed).", page, StringComparison.Ordinal);

        await AssertSetUpOnceAsync(admin.CompanyId, accountId);
        var newField = Assert.Single(await View.PersonFieldsAsync(admin.CompanyId, "Newsletter"));
        Assert.NotEqual((string?)oldField["key"], (string?)newField["key"]);

        // A second repair finds everything in place and creates nothing.
        page = SetupSteps(await admin.PostHandlerAsync("Repair"));
        Assert.Contains("3 webhooks in place (0 created, 0 stale removed).", page, StringComparison.Ordinal);
        Assert.Contains("doi and unsubscription webhooks in place (0 created, 0 stale removed).", page, StringComparison.Ordinal);
        Assert.DoesNotContain("created again", page, StringComparison.Ordinal);
        await AssertSetUpOnceAsync(admin.CompanyId, accountId);

        // The re-created field works: a subscribe through it reaches Maileon.
        var tenantPerson = await Deployment.Sandbox.ControlPostAsync("pipedrive", $"companies/{admin.CompanyId}/persons",
            new { name = "Rita Repair", emails = new[] { new { value = "rita@repair.example", primary = true } } });
        var personId = (long)(tenantPerson!["id"] ?? tenantPerson["data"]!["id"])!;
        await Deployment.Sandbox.ControlPostAsync("pipedrive", $"persons/{personId}/custom-field", new { field = "Newsletter", option = "Subscribe" });
        await Eventually.TrueAsync(
            async () => (await Deployment.Sandbox.ControlGetAsync("maileon", $"contacts?accountId={accountId}&email=rita%40repair.example"))!.AsArray().Count == 1,
            TimeSpan.FromSeconds(30),
            () => "the subscribe through the re-created Newsletter field never reached Maileon");
    }

    /// <summary>The page's "Setup" table (what the run just did), as text; the activity log below keeps older runs.</summary>
    private static string SetupSteps(string html)
    {
        Assert.Contains("Setup checked and repaired where needed.", html, StringComparison.Ordinal);
        var match = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"setup-steps\">(.*?)</table>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(match.Success, "no setup table on the page");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private async Task AssertSetUpOnceAsync(long companyId, long accountId)
    {
        Assert.Single(await View.PersonFieldsAsync(companyId, "Newsletter"));
        Assert.Equal(["person.change", "person.create", "person.delete"], await View.PipedriveWebhookEventsAsync(companyId));
        Assert.Equal(MaileonEvents, await View.MaileonWebhookEventsAsync(accountId));
    }

    private async Task<(long AccountId, string ApiKey)> NewMaileonAccountAsync(string name)
    {
        var account = await Deployment.Sandbox.ControlPostAsync("maileon", "accounts", new { name = $"{name} newsletters", doiMailingKeys = new[] { "doi-default" } });
        return ((long)account!["id"]!, (string)account["keys"]![0]!["key"]!);
    }

    /// <summary>An admin adds a custom person field in Pipedrive.</summary>
    private async Task AddPersonFieldAsync(long companyId, string name, string type) =>
        await Deployment.Sandbox.ControlPostAsync("pipedrive", $"companies/{companyId}/fields", new { name, fieldType = type });

    private async Task<string> FieldKeyAsync(long companyId, string name) =>
        (string)Assert.Single(await View.PersonFieldsAsync(companyId, name))["key"]!;
}
