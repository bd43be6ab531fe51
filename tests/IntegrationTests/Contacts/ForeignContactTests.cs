using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PipedriveMaileon.IntegrationTests.Infrastructure;

namespace PipedriveMaileon.IntegrationTests.Contacts;

/// <summary>
/// Maileon contacts the app did not create (a shop's, with their own external id and permission) keep their
/// permission, external id and <c>createdByPipedrive</c> when a person with their address subscribes or changes, and an
/// address already holding DOI+ gets no double opt-in mail (issue 12, rule 3).
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class ForeignContactTests(DeploymentFixture fixture)
{
    private SandboxDeployment Deployment => fixture.Deployment;

    [Fact]
    public async Task A_shops_contacts_keep_permission_external_id_and_createdByPipedrive_and_a_confirmed_one_gets_no_mail()
    {
        using var tenant = await SyncedTenant.CreateAsync(Deployment, "Foreign Contacts KG");
        const string SingleOptIn = "soi@shop.example";
        const string Confirmed = "doiplus@shop.example";
        await CreateShopContactAsync(tenant, SingleOptIn, permission: 2, "shop-1");
        await CreateShopContactAsync(tenant, Confirmed, permission: 5, "shop-2");
        var soiPerson = await tenant.CreatePersonAsync("Sonja Single", SingleOptIn);
        var doiPerson = await tenant.CreatePersonAsync("Doris Double", Confirmed);

        await tenant.SetNewsletterAsync(soiPerson, "Subscribe");
        await tenant.SetNewsletterAsync(doiPerson, "Subscribe");
        await tenant.NewsletterBecomesAsync(soiPerson, "Awaiting confirmation");
        await tenant.NewsletterBecomesAsync(doiPerson, "Subscribed");
        await tenant.UpdatePersonAsync(doiPerson, new JsonObject { ["name"] = "Doris Doppel" });
        await tenant.QuietAsync();

        Assert.Single(await tenant.DoiMailsAsync(SingleOptIn));
        Assert.Empty(await tenant.DoiMailsAsync(Confirmed));
        await AssertKeptAsync(tenant, SingleOptIn, permission: 2, "shop-1");
        var confirmed = await AssertKeptAsync(tenant, Confirmed, permission: 5, "shop-2");
        await Eventually.TrueAsync(
            async () => (string?)(await tenant.MaileonContactsAsync(Confirmed))[0]["standardFields"]!["FULLNAME"] == "Doris Doppel",
            TimeSpan.FromSeconds(30),
            () => $"the shop's contact did not get the person's new name; was {confirmed.ToJsonString()}");
        await AssertKeptAsync(tenant, Confirmed, permission: 5, "shop-2");
    }

    /// <summary>A contact as a shop makes it through Maileon's API: its own external id and permission, not created by Pipedrive.</summary>
    private async Task CreateShopContactAsync(SyncedTenant tenant, string email, int permission, string externalId)
    {
        var body = $"<contact><external_id>{externalId}</external_id><custom_fields><field><name>createdByPipedrive</name><value>false</value></field></custom_fields></contact>";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/1.0/contacts/email/{Uri.EscapeDataString(email)}?permission={permission}&sync_mode=1")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/vnd.maileon.api+xml"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(tenant.ApiKey)));
        using var response = await Deployment.Sandbox.Maileon.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonNode> AssertKeptAsync(SyncedTenant tenant, string email, int permission, string externalId)
    {
        var contact = Assert.Single(await tenant.MaileonContactsAsync(email));
        Assert.Equal(permission, (int)contact["permission"]!);
        Assert.Equal(externalId, (string?)contact["externalId"]);
        Assert.Equal("false", (string?)contact["customFields"]!["createdByPipedrive"]);
        return contact;
    }
}
