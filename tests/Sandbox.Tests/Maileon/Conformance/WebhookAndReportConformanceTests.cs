using System.Net;
using static PipedriveMaileon.Sandbox.Tests.Maileon.Conformance.MaileonWire;
using static PipedriveMaileon.Sandbox.Tests.Maileon.MaileonAccountFixture;

namespace PipedriveMaileon.Sandbox.Tests.Maileon.Conformance;

/// <summary>Webhook management and the unsubscription report, compared whole with what Maileon documents.</summary>
public sealed class WebhookAndReportConformanceTests(FixedClockSandboxFactory factory) : IClassFixture<FixedClockSandboxFactory>
{
    // The "Create Webhook" page's request body.
    private const string DocumentedCreate = """
        {"url":"https://hosting.maileon.com/service/examples/en/webhooks_catch_example/webhook.php","event":"unsubscription",
         "urlParams":[{"custom_contact_field":null,"standard_contact_field":"email","custom_value":null,"name":"email"},
                      {"custom_contact_field":null,"standard_contact_field":"external_id","custom_value":null,"name":"eid"}],
         "customFields":[],"standardFields":["email","external_id"],"eventFields":["msg_id","method"]}
        """;

    private static string Item(long id, long accountId, string @event = "unsubscription") =>
        $"{{\"id\":{id},\"newsletterAccountId\":{accountId},"
        + "\"url\":\"https://hosting.maileon.com/service/examples/en/webhooks_catch_example/webhook.php\","
        + $"\"event\":\"{@event}\","
        + "\"urlParams\":[{\"custom_contact_field\":null,\"standard_contact_field\":\"email\",\"custom_value\":null,\"name\":\"email\"},"
        + "{\"custom_contact_field\":null,\"standard_contact_field\":\"external_id\",\"custom_value\":null,\"name\":\"eid\"}],"
        + "\"customFields\":[],\"standardFields\":[\"email\",\"external_id\"],\"eventFields\":[\"msg_id\",\"method\"]}";

    [Theory]
    [InlineData("/1.0/webhooks", "application/json")]
    [InlineData("/1.0/webhooks/", "application/json")]
    [InlineData("/1.0/webhooks", "application/vnd.maileon.api+xml")]
    public async Task Create_answers_201_with_the_id_as_xml_whatever_the_accept_header(string path, string accept)
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonBody(DocumentedCreate) };
        request.Headers.Accept.ParseAdd(accept);
        var response = await account.Api.SendAsync(request);
        await AssertXml(response, HttpStatusCode.Created, $"<id>{IdOf(await response.Content.ReadAsStringAsync())}</id>");
    }

    [Fact]
    public async Task List_get_update_and_delete()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await AssertJson(await account.Api.GetAsync("/1.0/webhooks"), HttpStatusCode.OK, "[]");
        var id = IdOf(await (await account.Api.PostAsync("/1.0/webhooks", JsonBody(DocumentedCreate))).Content.ReadAsStringAsync());

        await AssertJson(await account.Api.GetAsync("/1.0/webhooks/"), HttpStatusCode.OK, $"[{Item(id, account.AccountId)}]");
        await AssertJson(await account.Api.GetAsync($"/1.0/webhooks/{id}"), HttpStatusCode.OK, Item(id, account.AccountId));

        await AssertNoBody(await account.Api.PutAsync($"/1.0/webhooks/{id}", JsonBody(DocumentedCreate.Replace("\"unsubscription\"", "\"doi\"", StringComparison.Ordinal))), HttpStatusCode.OK);
        await AssertJson(await account.Api.GetAsync($"/1.0/webhooks/{id}"), HttpStatusCode.OK, Item(id, account.AccountId, "doi"));

        await AssertNoBody(await account.Api.DeleteAsync($"/1.0/webhooks/{id}"), HttpStatusCode.NoContent);
        await AssertError(await account.Api.GetAsync($"/1.0/webhooks/{id}"), HttpStatusCode.NotFound, $"Webhook with id {id} not found.");
        await AssertError(await account.Api.DeleteAsync($"/1.0/webhooks/{id}"), HttpStatusCode.NotFound, $"Webhook with id {id} not found.");
    }

    [Fact]
    public async Task Unsubscription_report_lists_the_documented_fields_with_paging_headers()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var id = await account.CreateContactAsync("ada@example.com", "permission=4&sync_mode=1", "<contact><external_id>pd-1-2</external_id></contact>");
        await AssertNoBody(await account.Api.DeleteAsync("/1.0/contacts/email/ada%40example.com/unsubscribe"), HttpStatusCode.NoContent);
        var from = FixedClockSandboxFactory.Now.AddMinutes(-1).ToUnixTimeMilliseconds();

        var page = await account.Api.GetAsync($"/1.0/reports/unsubscriptions?page_index=1&page_size=100&from_date={from}");
        await AssertXml(page, HttpStatusCode.OK,
            $"<unsubscriptions><unsubscription><timestamp>2026-05-27 06:54:41</timestamp><contact><id>{id}</id><email>ada@example.com</email>"
            + "<external_id>pd-1-2</external_id></contact><source>api</source></unsubscription></unsubscriptions>");
        AssertPaging(page, 1, 1);
        await AssertXml(await account.Api.GetAsync($"/1.0/reports/unsubscriptions/count?from_date={from}"), HttpStatusCode.OK, "<count>1</count>");

        var empty = await account.Api.GetAsync($"/1.0/reports/unsubscriptions?from_date={FixedClockSandboxFactory.Now.AddMinutes(1).ToUnixTimeMilliseconds()}");
        await AssertXml(empty, HttpStatusCode.OK, "<unsubscriptions />");
        AssertPaging(empty, 0, 0);
    }
}
