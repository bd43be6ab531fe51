using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using static PipedriveMaileon.Sandbox.Tests.Maileon.AuthenticationTests;
using static PipedriveMaileon.Sandbox.Tests.Maileon.MaileonAccountFixture;

namespace PipedriveMaileon.Sandbox.Tests.Maileon;

public sealed class WebhookManagementTests(MaileonSandboxFactory factory) : IClassFixture<MaileonSandboxFactory>
{
    private const string DocumentedCreate = """
        {
          "url": "https://hosting.maileon.com/service/examples/en/webhooks_catch_example/webhook.php",
          "event": "unsubscription",
          "urlParams": [
            { "custom_contact_field": null, "standard_contact_field": "email", "custom_value": null, "name": "email" },
            { "custom_contact_field": null, "standard_contact_field": "external_id", "custom_value": null, "name": "eid" }
          ],
          "customFields": [],
          "standardFields": ["email", "external_id"],
          "eventFields": ["msg_id", "method"]
        }
        """;

    [Fact]
    public async Task Documented_create_answers_201_with_xml_id_and_list_returns_the_documented_item()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        Assert.Equal("[]", (await account.Api.GetStringAsync("/1.0/webhooks")).Trim());

        var created = await account.Api.PostAsync("/1.0/webhooks", JsonBody(DocumentedCreate));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = XElement.Parse(await created.Content.ReadAsStringAsync());
        Assert.Equal("id", id.Name.LocalName);

        var list = JsonNode.Parse(await account.Api.GetStringAsync("/1.0/webhooks"))!.AsArray();
        var item = Assert.Single(list)!.AsObject();
        Assert.Equal(["id", "newsletterAccountId", "url", "event", "urlParams", "customFields", "standardFields", "eventFields"], item.Select(p => p.Key).ToArray());
        Assert.Equal(long.Parse(id.Value, System.Globalization.CultureInfo.InvariantCulture), item["id"]!.GetValue<long>());
        Assert.Equal(account.AccountId, item["newsletterAccountId"]!.GetValue<long>());
        Assert.Equal("unsubscription", item["event"]!.GetValue<string>());
        Assert.Equal("eid", item["urlParams"]![1]!["name"]!.GetValue<string>());
        Assert.Null(item["urlParams"]![1]!["custom_value"]);
        Assert.Equal(["msg_id", "method"], item["eventFields"]!.AsArray().Select(f => f!.GetValue<string>()).ToArray());
    }

    [Fact]
    public async Task Trailing_slash_path_used_by_the_php_client_works()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        Assert.Equal(HttpStatusCode.Created, (await account.Api.PostAsync("/1.0/webhooks/", JsonBody(DocumentedCreate))).StatusCode);
    }

    [Fact]
    public async Task Get_update_and_delete_by_id()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var id = await account.RegisterWebhookAsync("https://app.example.com/webhooks/maileon/1/doi", "doi");
        var fetched = JsonNode.Parse(await account.Api.GetStringAsync($"/1.0/webhooks/{id}"))!;
        Assert.Equal("doi", fetched["event"]!.GetValue<string>());

        var update = DocumentedCreate.Replace("unsubscription", "doi", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await account.Api.PutAsync($"/1.0/webhooks/{id}", JsonBody(update))).StatusCode);
        Assert.Equal("https://hosting.maileon.com/service/examples/en/webhooks_catch_example/webhook.php",
            JsonNode.Parse(await account.Api.GetStringAsync($"/1.0/webhooks/{id}"))!["url"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await account.Api.DeleteAsync($"/1.0/webhooks/{id}")).StatusCode);
        await AssertError(await account.Api.GetAsync($"/1.0/webhooks/{id}"), HttpStatusCode.NotFound, "not found");
        await AssertError(await account.Api.DeleteAsync($"/1.0/webhooks/{id}"), HttpStatusCode.NotFound, "not found");
    }

    [Theory]
    [InlineData("""{"url":"https://x.example/h","event":"opened"}""", "Invalid webhook event")]
    [InlineData("""{"url":"not a url","event":"doi"}""", "Invalid webhook url")]
    [InlineData("""{"url":"https://x.example/h","event":"doi","eventFields":["checksum"]}""", "Unknown event field")]
    [InlineData("""{"url":"https://x.example/h","event":"doi","standardFields":["phone"]}""", "Unknown standard field")]
    [InlineData("""{"url":"https://x.example/h","event":"doi","urlParams":[{"name":"t","custom_value":"a","standard_contact_field":"email"}]}""", "exactly one")]
    [InlineData("""[]""", "malformed")]
    public async Task Invalid_webhooks_are_400(string body, string message)
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await AssertError(await account.Api.PostAsync("/1.0/webhooks", JsonBody(body)), HttpStatusCode.BadRequest, message);
    }

    [Fact]
    public async Task Wrong_content_type_is_415()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await AssertError(await account.Api.PostAsync("/1.0/webhooks", Xml("<webhook/>")), HttpStatusCode.UnsupportedMediaType, "application/json");
    }
}
