using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace PipedriveMaileon.Sandbox.Tests.Maileon;

public sealed class DoiLifecycleTests(MaileonSandboxFactory factory) : IClassFixture<MaileonSandboxFactory>
{
    [Fact]
    public async Task Doi_contact_stays_at_none_until_confirmed_then_becomes_doi_and_the_doi_webhook_arrives()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.RegisterWebhookAsync($"{receiver.BaseUrl}/webhooks/maileon/42/doi?tenant=42", "doi");
        await account.RegisterWebhookAsync($"{receiver.BaseUrl}/webhooks/maileon/42/unsubscription", "unsubscription");

        var id = await account.CreateContactAsync("anna+news@example.com",
            "permission=1&sync_mode=1&doi=true&doimailing=doi-default&src=pipedrive%20app&subscription_page=settings",
            "<contact><external_id>pd-42-7</external_id></contact>");
        Assert.Equal("1", await Permission(account, "anna%2Bnews%40example.com"));

        var mails = await account.ControlListAsync("doi-mails");
        var mail = Assert.Single(mails)!.AsObject();
        Assert.Equal("doi-default", mail["mailingKey"]!.GetValue<string>());
        Assert.Equal("pipedrive app", mail["src"]!.GetValue<string>());
        Assert.Equal("settings", mail["subscriptionPage"]!.GetValue<string>());
        Assert.True(mail["sent"]!.GetValue<bool>());
        Assert.Empty(receiver.Received);

        var confirmed = await account.ControlPostAsync("doi/confirm", new { accountId = account.AccountId, email = "anna+news@example.com" });
        Assert.Equal(4, confirmed["permission"]!.GetValue<int>());
        Assert.Equal("4", await Permission(account, "anna%2Bnews%40example.com"));

        var call = Assert.Single(await receiver.WaitForAsync(1));
        Assert.Equal("POST", call.Method);
        Assert.Equal("/webhooks/maileon/42/doi", call.Path);
        Assert.Equal("application/json", call.ContentType);
        Assert.Contains("email=anna+news%40example.com", call.RawQuery, StringComparison.Ordinal);
        Assert.Equal("42", call.Query["tenant"]);
        Assert.Equal("pd-42-7", call.Query["eid"]);
        Assert.Equal("secret-token", call.Query["token"]);
        Assert.False(call.Headers.ContainsKey("X-Signature"));
        var body = JsonNode.Parse(call.Body)!.AsObject();
        Assert.Equal("anna+news@example.com", body["email"]!.GetValue<string>());
        Assert.Equal("pd-42-7", body["external_id"]!.GetValue<string>());
        Assert.Equal(mail["id"]!.GetValue<long>(), body["msg_id"]!.GetValue<long>());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", body["timestamp"]!.GetValue<string>());
        Assert.Equal(["email", "external_id", "timestamp", "msg_id", "source"], body.Select(p => p.Key).ToArray());

        await WaitIdleAsync(account.Control);
        var deliveries = await account.ControlListAsync("webhook-deliveries?event=doi");
        Assert.Equal(200, Assert.Single(deliveries)!["status"]!.GetValue<int>());
        Assert.True(id > 0);
    }

    [Fact]
    public async Task Raw_plus_in_webhook_params_is_decoded_as_space_by_receivers_unless_switched_off()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.RegisterWebhookAsync($"{receiver.BaseUrl}/doi", "doi");
        await account.CreateContactAsync("plus+one@example.com", "permission=1&sync_mode=1&doi=true");
        await account.ControlPostAsync("doi/confirm", new { accountId = account.AccountId, email = "plus+one@example.com" });
        var call = Assert.Single(await receiver.WaitForAsync(1));
        Assert.Equal("plus one@example.com", call.Query["email"]);
        Assert.Equal("plus+one@example.com", JsonNode.Parse(call.Body)!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Doi_plus_confirmation_gives_permission_5()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.CreateContactAsync("plus@example.com", "permission=1&sync_mode=1&doi=true&doiplus=true&doimailing=doi-plus");
        await account.ControlPostAsync("doi/confirm", new { accountId = account.AccountId, email = "plus@example.com" });
        Assert.Equal("5", await Permission(account, "plus%40example.com"));
    }

    [Fact]
    public async Task Confirming_without_saying_which_contact_is_400()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var answer = await account.ControlPostAsync("doi/confirm", new { }, HttpStatusCode.BadRequest);
        Assert.Contains("contactId", answer["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doiplus_without_doi_sends_no_mail()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.CreateContactAsync("nodoi@example.com", "permission=1&sync_mode=1&doiplus=true");
        Assert.Empty(await account.ControlListAsync("doi-mails"));
        await account.ControlPostAsync("doi/confirm", new { accountId = account.AccountId, email = "nodoi@example.com" }, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Unknown_doi_mailing_key_answers_201_but_sends_nothing()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.CreateContactAsync("stuck@example.com", "permission=1&sync_mode=1&doi=true&doimailing=wrong-key");
        var mail = Assert.Single(await account.ControlListAsync("doi-mails"))!;
        Assert.False(mail["sent"]!.GetValue<bool>());
        Assert.Contains("wrong-key", mail["problem"]!.GetValue<string>(), StringComparison.Ordinal);
        await account.ControlPostAsync("doi/confirm", new { accountId = account.AccountId, email = "stuck@example.com" }, HttpStatusCode.Conflict);
        Assert.Equal("1", await Permission(account, "stuck%40example.com"));
    }

    [Fact]
    public async Task No_new_doi_mail_for_a_contact_that_already_has_doi()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.CreateContactAsync("twice@example.com", "permission=1&sync_mode=1&doi=true");
        await account.ControlPostAsync("doi/confirm", new { accountId = account.AccountId, email = "twice@example.com" });
        await account.CreateContactAsync("twice@example.com", "permission=1&sync_mode=1&doi=true");
        Assert.Single(await account.ControlListAsync("doi-mails"));
        Assert.Equal("4", await Permission(account, "twice%40example.com"));
    }

    [Fact]
    public async Task Following_the_confirmation_link_twice_fires_doi_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.RegisterWebhookAsync($"{receiver.BaseUrl}/doi", "doi");
        await account.CreateContactAsync("link@example.com", "permission=1&sync_mode=1&doi=true");
        var token = Assert.Single(await account.ControlListAsync("doi-mails"))!["token"]!.GetValue<string>();

        var client = factory.CreateClient();
        var first = await client.GetAsync($"/maileon/doi/{token}");
        Assert.Contains("confirmed", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var second = await client.GetAsync($"/maileon/doi/{token}");
        Assert.Contains("already confirmed", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await receiver.WaitForAsync(1);
        await WaitIdleAsync(client);
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task Resending_doi_supersedes_the_old_link()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var id = await account.CreateContactAsync("again@example.com", "permission=1&sync_mode=1&doi=true");
        var response = await account.Api.PutAsync($"/1.0/contacts/contact?id={id}&ignore_checksum=true&triggerdoi=true&doimailing=doi-default",
            MaileonAccountFixture.Xml("<contact/>"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var mails = await account.ControlListAsync("doi-mails");
        Assert.Equal(2, mails.Count);
        Assert.True(mails[0]!["superseded"]!.GetValue<bool>());

        var stale = await factory.CreateClient().GetAsync($"/maileon/doi/{mails[0]!["token"]}");
        Assert.Equal(HttpStatusCode.Gone, stale.StatusCode);
        await account.ControlPostAsync("doi/confirm", new { mailId = mails[1]!["id"]!.GetValue<long>() });
        Assert.Equal("4", await Permission(account, "again%40example.com"));
    }

    [Fact]
    public async Task Every_tenant_sharing_an_account_gets_the_webhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.RegisterWebhookAsync($"{receiver.BaseUrl}/webhooks/maileon/1/doi", "doi", "token-1");
        await account.RegisterWebhookAsync($"{receiver.BaseUrl}/webhooks/maileon/2/doi", "doi", "token-2");
        await account.CreateContactAsync("shared@example.com", "permission=1&sync_mode=1&doi=true");
        await account.ControlPostAsync("doi/confirm", new { accountId = account.AccountId, email = "shared@example.com" });
        var calls = await receiver.WaitForAsync(2);
        Assert.Equal(["/webhooks/maileon/1/doi", "/webhooks/maileon/2/doi"], calls.Select(c => c.Path).Order().ToArray());
    }

    internal static async Task WaitIdleAsync(HttpClient client)
    {
        for (var i = 0; i < 200; i++)
        {
            var state = JsonNode.Parse(await client.GetStringAsync("/_sandbox/maileon/idle"))!;
            if (state["idle"]!.GetValue<bool>())
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail("webhook dispatcher did not become idle");
    }

    private static async Task<string> Permission(MaileonAccountFixture account, string pathEmail) =>
        XElement.Parse(await account.Api.GetStringAsync($"/1.0/contacts/email/{pathEmail}")).Element("permission")!.Value;
}
