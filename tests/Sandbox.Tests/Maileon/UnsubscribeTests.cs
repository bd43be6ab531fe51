using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using static PipedriveMaileon.Sandbox.Tests.Maileon.AuthenticationTests;

namespace PipedriveMaileon.Sandbox.Tests.Maileon;

public sealed class UnsubscribeTests(MaileonSandboxFactory factory) : IClassFixture<MaileonSandboxFactory>
{
    [Fact]
    public async Task Api_unsubscribe_answers_204_anonymises_and_fires_unsubscription_with_the_values_before_anonymisation()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.RegisterWebhookAsync($"{receiver.BaseUrl}/webhooks/maileon/9/unsubscription", "unsubscription");
        var id = await account.CreateContactAsync("leaver@example.com", "permission=4&sync_mode=1", "<contact><external_id>pd-9-1</external_id></contact>");

        var response = await account.Api.DeleteAsync("/1.0/contacts/email/leaver%40example.com/unsubscribe?reason=too_many_messages%7Ctoo%20often");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await AssertError(await account.Api.GetAsync("/1.0/contacts/email/leaver%40example.com"), HttpStatusCode.NotFound, "not found");

        var anonymous = XElement.Parse(await account.Api.GetStringAsync($"/1.0/contacts/contact?id={id}&ignore_checksum=true"));
        Assert.Equal("true", (string?)anonymous.Attribute("anonymous"));
        Assert.Equal("true", (string?)anonymous.Element("email")!.Attribute("nil"));

        var call = Assert.Single(await receiver.WaitForAsync(1));
        Assert.Equal("leaver@example.com", call.Query["email"]);
        Assert.Equal("pd-9-1", call.Query["eid"]);
        var body = JsonNode.Parse(call.Body)!.AsObject();
        Assert.Equal("leaver@example.com", body["email"]!.GetValue<string>());
        Assert.Equal("pd-9-1", body["external_id"]!.GetValue<string>());
        Assert.Equal("api", body["source"]!.GetValue<string>());

        await AssertError(await account.Api.DeleteAsync("/1.0/contacts/email/leaver%40example.com/unsubscribe"), HttpStatusCode.NotFound, "not found");
    }

    [Fact]
    public async Task Mail_link_unsubscribe_through_the_control_api_reports_source_link()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.RegisterWebhookAsync($"{receiver.BaseUrl}/unsub", "unsubscription");
        await account.CreateContactAsync("clicker@example.com", "permission=1&sync_mode=1&doi=true");
        await account.ControlPostAsync("doi/confirm", new { accountId = account.AccountId, email = "clicker@example.com" });

        var result = await account.ControlPostAsync("unsubscribe", new { accountId = account.AccountId, email = "clicker@example.com" });
        Assert.True(result["anonymous"]!.GetValue<bool>());
        var body = JsonNode.Parse(Assert.Single(await receiver.WaitForAsync(1)).Body)!;
        Assert.Equal("link", body["source"]!.GetValue<string>());
        Assert.NotNull(body["msg_id"]);
    }

    [Fact]
    public async Task Unsubscription_report_lists_entries_between_from_and_to_with_paging()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeMilliseconds();
        for (var i = 0; i < 3; i++)
        {
            await account.CreateContactAsync($"r{i}@example.com", "permission=4&sync_mode=1", $"<contact><external_id>pd-r-{i}</external_id></contact>");
            Assert.Equal(HttpStatusCode.NoContent, (await account.Api.DeleteAsync($"/1.0/contacts/email/r{i}%40example.com/unsubscribe")).StatusCode);
        }

        var after = DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeMilliseconds();
        var response = await account.Api.GetAsync($"/1.0/reports/unsubscriptions?from_date={before}&to_date={after}&page_index=1&page_size=2");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3", response.Headers.GetValues("X-Items").Single());
        Assert.Equal("2", response.Headers.GetValues("X-Pages").Single());
        var report = XElement.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("unsubscriptions", report.Name.LocalName);
        var first = report.Elements("unsubscription").First();
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", first.Element("timestamp")!.Value);
        Assert.Equal("r0@example.com", first.Element("contact")!.Element("email")!.Value);
        Assert.Equal("pd-r-0", first.Element("contact")!.Element("external_id")!.Value);
        Assert.Equal("api", first.Element("source")!.Value);

        Assert.Empty(XElement.Parse(await account.Api.GetStringAsync($"/1.0/reports/unsubscriptions?from_date={after}")).Elements());
        Assert.Single(XElement.Parse(await account.Api.GetStringAsync("/1.0/reports/unsubscriptions?eids=pd-r-1")).Elements());
        Assert.Equal("3", XElement.Parse(await account.Api.GetStringAsync($"/1.0/reports/unsubscriptions/count?from_date={before}")).Value);
        await AssertError(await account.Api.GetAsync("/1.0/reports/unsubscriptions?from_date=yesterday"), HttpStatusCode.BadRequest, "from_date");
    }

    [Fact]
    public async Task Resubscribing_an_unsubscribed_address_creates_a_new_contact()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var first = await account.CreateContactAsync("back@example.com", "permission=4&sync_mode=1");
        await account.Api.DeleteAsync("/1.0/contacts/email/back%40example.com/unsubscribe");
        var second = await account.CreateContactAsync("back@example.com", "permission=1&sync_mode=1&doi=true");
        Assert.NotEqual(first, second);
        var contact = XElement.Parse(await account.Api.GetStringAsync("/1.0/contacts/email/back%40example.com"));
        Assert.Equal(second.ToString(System.Globalization.CultureInfo.InvariantCulture), contact.Element("id")!.Value);
        Assert.Equal("1", contact.Element("permission")!.Value);
    }

    [Fact]
    public async Task Unsubscribe_by_external_id_covers_every_contact_with_it()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.CreateContactAsync("e1@example.com", "sync_mode=1", "<contact><external_id>pd-x</external_id></contact>");
        await account.CreateContactAsync("e2@example.com", "sync_mode=1", "<contact><external_id>pd-x</external_id></contact>");
        Assert.Equal(HttpStatusCode.NoContent, (await account.Api.DeleteAsync("/1.0/contacts/externalid/pd-x/unsubscribe")).StatusCode);
        Assert.Empty(XElement.Parse(await account.Api.GetStringAsync("/1.0/contacts/externalid/pd-x")).Elements());
        Assert.Equal(2, (await account.ControlListAsync("unsubscriptions")).Count);
    }

    [Fact]
    public async Task Unsubscribe_with_an_unknown_mailing_id_is_400()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.CreateContactAsync("m@example.com");
        await AssertError(await account.Api.DeleteAsync("/1.0/contacts/email/m%40example.com/unsubscribe?mailingId=3108"), HttpStatusCode.BadRequest, "3108");
    }
}
