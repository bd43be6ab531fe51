using System.Net;
using System.Text.Json.Nodes;

namespace PipedriveMaileon.Sandbox.Tests.Maileon;

/// <summary>Sendouts and recipients' actions through the control API and console, and the bounce webhook.</summary>
public sealed class MailingTests(MaileonSandboxFactory factory) : IClassFixture<MaileonSandboxFactory>
{
    [Fact]
    public async Task A_sendout_reaches_the_doi_and_doi_plus_contacts_and_seals_the_mailing()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.CreateContactAsync("none@example.com", "permission=1&sync_mode=1");
        await account.CreateContactAsync("soi@example.com", "permission=2&sync_mode=1");
        await account.CreateContactAsync("doi@example.com", "permission=4&sync_mode=1");
        await account.CreateContactAsync("plus@example.com", "permission=5&sync_mode=1");
        await account.CreateContactAsync("gone@example.com", "permission=5&sync_mode=1");
        await account.Api.DeleteAsync("/1.0/contacts/email/gone%40example.com/unsubscribe");
        var mailing = await CreateAsync(account, "Sendout target");

        var sent = await account.ControlPostAsync($"mailings/{mailing}/send", new { });
        Assert.Equal(["doi@example.com", "plus@example.com"], sent["recipients"]!.AsArray().Select(r => r!["email"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal("done", sent["state"]!.GetValue<string>());
        Assert.Equal(2, sent["recipients"]!.AsArray().Select(r => r!["messageId"]!.GetValue<long>()).Distinct().Count());

        await account.ControlPostAsync($"mailings/{mailing}/send", new { }, HttpStatusCode.Conflict);
        var outsider = await account.ControlPostAsync($"mailings/{mailing}/tracking", new { events = new[] { new { email = "soi@example.com", opens = 1 } } }, HttpStatusCode.BadRequest);
        Assert.Equal($"soi@example.com did not receive mailing {mailing}.", outsider["error"]!.GetValue<string>());

        var chosen = await CreateAsync(account, "Chosen few");
        var few = await account.ControlPostAsync($"mailings/{chosen}/send", new { permissions = new[] { 1, 2 }, emails = new[] { "SOI@example.com" } });
        Assert.Equal("soi@example.com", Assert.Single(few["recipients"]!.AsArray())!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Tracking_records_every_event_and_only_doi_plus_opens_are_personal()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.CreateContactAsync("doi@example.com", "permission=4&sync_mode=1");
        await account.CreateContactAsync("plus@example.com", "permission=5&sync_mode=1");
        var mailing = await CreateAsync(account, "Tracked");
        await account.ControlPostAsync($"mailings/{mailing}/send", new { });

        var tracked = await account.ControlPostAsync($"mailings/{mailing}/tracking", new
        {
            events = new object[]
            {
                new { email = "doi@example.com", opens = 3, clicks = new[] { "https://a.example/1", "https://a.example/2" } },
                new { email = "plus@example.com", opens = 1, clicks = new[] { "https://a.example/1" }, bounce = "soft" },
            },
        });
        Assert.Equal(8, tracked["affected"]!.GetValue<int>());
        var counts = tracked["counts"]!;
        Assert.Equal(4, counts["opens"]!.GetValue<int>());
        Assert.Equal(1, counts["personalOpens"]!.GetValue<int>());
        Assert.Equal(1, counts["personalClicks"]!.GetValue<int>());
        Assert.Equal(1, counts["softBounces"]!.GetValue<int>());
        Assert.Equal(2, tracked["links"]!.AsArray().Count);

        var rows = await account.ControlListAsync($"tracking?mailingId={mailing}");
        Assert.Equal(8, rows.Count);
        Assert.All(rows.Where(r => r!["email"]!.GetValue<string>() == "doi@example.com"), r => Assert.False(r!["personal"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task A_bounce_calls_the_bounce_webhook_with_the_chosen_fields()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.CreateContactAsync("bounce+tag@example.com", "permission=4&sync_mode=1", "<contact><external_id>pd-9-1</external_id></contact>");
        await account.RegisterWebhookAsync($"{receiver.BaseUrl}/maileon/bounce", "bounce");
        var hook = new JsonObject
        {
            ["url"] = $"{receiver.BaseUrl}/maileon/bounce-body",
            ["event"] = "bounce",
            ["standardFields"] = new JsonArray("email", "external_id"),
            ["eventFields"] = new JsonArray("timestamp", "msg_id", "mailing_id"),
        };
        Assert.Equal(HttpStatusCode.Created, (await account.Api.PostAsync("/1.0/webhooks", MaileonAccountFixture.JsonBody(hook.ToJsonString()))).StatusCode);
        var mailing = await CreateAsync(account, "Bouncing");
        var sent = await account.ControlPostAsync($"mailings/{mailing}/send", new { });
        var message = sent["recipients"]![0]!["messageId"]!.GetValue<long>();

        await account.ControlPostAsync($"mailings/{mailing}/tracking", new { events = new[] { new { email = "bounce+tag@example.com", bounce = "hard" } } });

        var calls = await receiver.WaitForAsync(2);
        var withParams = calls.Single(c => c.Path == "/maileon/bounce");
        Assert.Equal("secret-token", withParams.Query["token"]);
        Assert.Equal("pd-9-1", withParams.Query["eid"]);
        var body = JsonNode.Parse(calls.Single(c => c.Path == "/maileon/bounce-body").Body)!;
        Assert.Equal("bounce+tag@example.com", body["email"]!.GetValue<string>());
        Assert.Equal("pd-9-1", body["external_id"]!.GetValue<string>());
        Assert.Equal(message, body["msg_id"]!.GetValue<long>());
        Assert.Equal(mailing, body["mailing_id"]!.GetValue<long>());
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", body["timestamp"]!.GetValue<string>());
        // The receiver sees a call before the emulator records its answer: wait until the dispatcher is idle.
        await DoiLifecycleTests.WaitIdleAsync(account.Control);
        Assert.Equal(2, (await account.ControlListAsync("webhook-deliveries?event=bounce")).Count);
    }

    [Fact]
    public async Task The_console_creates_sends_and_records_and_shows_the_counts()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.CreateContactAsync("console-reader@example.com", "permission=5&sync_mode=1");
        var browser = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var id = account.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/maileon/actions/mailings",
            new FormUrlEncodedContent([new("accountId", id), new("name", "Console <mailing>"), new("subject", "Console subject")]))).StatusCode);
        var mailing = Assert.Single(await account.ControlListAsync("mailings"))!["id"]!.GetValue<long>();
        await browser.PostAsync($"/maileon/actions/mailings/{mailing}/send", new FormUrlEncodedContent([new("links", "https://c.example/x")]));
        await browser.PostAsync($"/maileon/actions/mailings/{mailing}/tracking", new FormUrlEncodedContent(
            [new("email", "console-reader@example.com"), new("opens", "2"), new("click", "https://c.example/x"), new("bounce", "")]));

        var counts = Assert.Single(await account.ControlListAsync("mailings"))!["counts"]!;
        Assert.Equal(2, counts["personalOpens"]!.GetValue<int>());
        Assert.Equal(1, counts["personalClicks"]!.GetValue<int>());
        var html = await browser.GetStringAsync("/maileon");
        Assert.Contains("Console &lt;mailing&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Console <mailing>", html, StringComparison.Ordinal);
    }

    private static async Task<long> CreateAsync(MaileonAccountFixture account, string name) =>
        (await account.ControlPostAsync("mailings", new { accountId = account.AccountId, name, subject = name + " subject" }, HttpStatusCode.Created))["id"]!.GetValue<long>();
}
