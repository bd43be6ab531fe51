using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PipedriveMaileon.Sandbox.Common;

namespace PipedriveMaileon.Sandbox.Tests.Maileon;

public sealed class StateTests
{
    [Fact]
    public async Task Snapshot_export_and_import_keep_accounts_keys_contacts_and_types()
    {
        await using var source = new MaileonSandboxFactory();
        var account = await MaileonAccountFixture.CreateAsync(source);
        await account.CreateCustomFieldAsync("owner_name", "string");
        await account.CreateContactAsync("kept@example.com", "permission=1&sync_mode=1&doi=true",
            "<contact><external_id>pd-1-1</external_id><custom_fields><field><name>owner_name</name><value>Olga</value></field></custom_fields></contact>");
        await TransactionTypeTests.CreateTypeAsync(account);
        var snapshot = Maileon(source).Export();

        await using var target = new MaileonSandboxFactory();
        Maileon(target).Import(JsonNode.Parse(snapshot.ToJsonString())!);
        var client = target.CreateClient();
        client.DefaultRequestHeaders.Authorization = MaileonAccountFixture.Basic(account.ApiKey);
        var contact = await client.GetStringAsync("/1.0/contacts/email/kept%40example.com?custom_field=owner_name");
        Assert.Contains("<value>Olga</value>", contact, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/1.0/transactions/types/pipedrive_deal")).StatusCode);

        var confirmed = await target.CreateClient().PostAsJsonAsync("/_sandbox/maileon/doi/confirm", new { accountId = account.AccountId, email = "kept@example.com" });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var newId = await new MaileonAccountFixtureClient(client).CreateAsync("fresh@example.com");
        Assert.True(newId > long.Parse(System.Xml.Linq.XElement.Parse(contact).Element("id")!.Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Reset_restores_the_seeded_accounts_and_drops_everything_else()
    {
        await using var factory = new MaileonSandboxFactory();
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.CreateContactAsync("temp@example.com");
        var control = factory.CreateClient();
        Assert.Equal(HttpStatusCode.NoContent, (await control.PostAsync("/_sandbox/maileon/reset", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await account.Api.GetAsync("/1.0/ping")).StatusCode);
        var accounts = (await control.GetFromJsonAsync<JsonArray>("/_sandbox/maileon/accounts"))!;
        Assert.Equal([7997L, 7998L], accounts.Select(a => a!["id"]!.GetValue<long>()).ToArray());
        Assert.Empty((await control.GetFromJsonAsync<JsonArray>("/_sandbox/maileon/contacts"))!);
    }

    [Fact]
    public async Task Configured_seed_accounts_replace_the_defaults()
    {
        await using var factory = new ConfiguredSeedFactory();
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = MaileonAccountFixture.Basic("configured-key-0123456789");
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        var info = (await client.GetFromJsonAsync<JsonObject>("/1.0/account/info"))!;
        Assert.Equal(4242, info["id"]!.GetValue<long>());
        Assert.Equal("Configured", info["name"]!.GetValue<string>());
    }

    private static IEmulatorState Maileon(MaileonSandboxFactory factory) =>
        factory.Services.GetServices<IEmulatorState>().Single(s => s.Emulator == EmulatorKind.Maileon);

    private sealed class ConfiguredSeedFactory : MaileonSandboxFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["Sandbox:Maileon:Accounts:0:Id"] = "4242",
            ["Sandbox:Maileon:Accounts:0:Name"] = "Configured",
            ["Sandbox:Maileon:Accounts:0:ApiKey"] = "configured-key-0123456789",
        };
    }

    private sealed class MaileonAccountFixtureClient(HttpClient client)
    {
        public async Task<long> CreateAsync(string email)
        {
            var response = await client.PostAsync($"/1.0/contacts/email/{Uri.EscapeDataString(email)}?sync_mode=1", MaileonAccountFixture.Xml("<contact/>"));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return long.Parse(System.Xml.Linq.XElement.Parse(await response.Content.ReadAsStringAsync()).Value, System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
