using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using static PipedriveMaileon.Sandbox.Tests.Maileon.AuthenticationTests;
using static PipedriveMaileon.Sandbox.Tests.Maileon.MaileonAccountFixture;

namespace PipedriveMaileon.Sandbox.Tests.Maileon;

public sealed class TransactionTests(MaileonSandboxFactory factory) : IClassFixture<MaileonSandboxFactory>
{
    private const string DealType = """
        <transaction_type><name>pipedrive_deal_updated</name><attributes>
          <attribute><name>transaction_id</name><type>string</type><required>false</required></attribute>
          <attribute><name>deal_id</name><type>integer</type><required>true</required></attribute>
          <attribute><name>title</name><type>string</type><required>false</required></attribute>
          <attribute><name>value</name><type>float</type><required>false</required></attribute>
          <attribute><name>won</name><type>boolean</type><required>false</required></attribute>
          <attribute><name>close_date</name><type>date</type><required>false</required></attribute>
          <attribute><name>changed_at</name><type>timestamp</type><required>false</required></attribute>
        </attributes></transaction_type>
        """;

    [Fact]
    public async Task Documented_request_answers_reports_in_input_order()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var typeId = await TransactionTypeTests.CreateTypeAsync(account);
        var contactId = await account.CreateContactAsync("max@example.com", "permission=4&sync_mode=1", "<contact><external_id>pd-123-456</external_id></contact>");

        var body = $$"""
            [
              { "typeName": "pipedrive_deal", "contact": { "email": "max@example.com" },
                "content": { "deal.id": 42, "deal.event": "updated", "deal.title": "ACME", "deal.value": 1200.5, "deal.currency": "EUR", "deal.changed_at": "2026-09-01 12:34:56" } },
              { "type": {{typeId}}, "contact": { "email": "unknown@example.com" }, "content": { "deal.id": 43, "deal.event": "created" } },
              { "type": {{typeId}}, "contact": { "external_id": "pd-123-456" }, "content": { "deal.id": 44, "deal.event": "deleted" } }
            ]
            """;
        var response = await account.Api.PostAsync("/1.0/transactions?ignore_invalid_transactions=true&generate_transaction_id=false", JsonBody(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var reports = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["reports"]!.AsArray();
        Assert.Equal(3, reports.Count);

        Assert.True(reports[0]!["queued"]!.GetValue<bool>());
        Assert.Equal(contactId, reports[0]!["contact"]!["id"]!.GetValue<long>());
        Assert.Equal("max@example.com", reports[0]!["contact"]!["email"]!.GetValue<string>());
        Assert.Equal("pd-123-456", reports[0]!["contact"]!["external_id"]!.GetValue<string>());
        Assert.Null(reports[0]!["message"]);

        Assert.False(reports[1]!["queued"]!.GetValue<bool>());
        Assert.Equal("unknown@example.com", reports[1]!["contact"]!["email"]!.GetValue<string>());
        Assert.Contains("Contact not found", reports[1]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.True(reports[2]!["queued"]!.GetValue<bool>());

        var listed = JsonNode.Parse(await account.Api.GetStringAsync($"/1.0/transactions?type_id={typeId}&count=10"))!.AsArray();
        Assert.Equal([42, 44], listed.Select(t => t!["tx"]!["deal.id"]!.GetValue<int>()).ToArray());
    }

    [Fact]
    public async Task Strict_mode_rejects_the_whole_batch_with_400_and_stores_nothing()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var typeId = await TransactionTypeTests.CreateTypeAsync(account, DealType);
        await account.CreateContactAsync("ok@example.com");
        var body = $$$"""[{"type":{{{typeId}}},"contact":{"email":"ok@example.com"},"content":{"deal_id":1}},{"type":{{{typeId}}},"contact":{"email":"missing@example.com"},"content":{"deal_id":2}}]""";
        await AssertError(await account.Api.PostAsync("/1.0/transactions?ignore_invalid_transactions=false", JsonBody(body)), HttpStatusCode.BadRequest, "Contact not found");
        Assert.Empty(JsonNode.Parse(await account.Api.GetStringAsync($"/1.0/transactions?type_id={typeId}"))!.AsArray());
    }

    [Theory]
    [InlineData("""{"deal_id":"42"}""", "32-bit integer")]
    [InlineData("""{"deal_id":4294967296}""", "32-bit integer")]
    [InlineData("""{"title":"no id"}""", "Required attribute deal_id")]
    [InlineData("""{"deal_id":1,"value":"12.5"}""", "a number")]
    [InlineData("""{"deal_id":1,"won":"true"}""", "true or false")]
    [InlineData("""{"deal_id":1,"close_date":"01.09.2026"}""", "yyyy-MM-dd")]
    [InlineData("""{"deal_id":1,"changed_at":"2026-09-01T12:34:56Z"}""", "yyyy-MM-dd HH:mm:ss")]
    [InlineData("""{"deal_id":1,"stage":"won"}""", "not defined")]
    public async Task Content_is_validated_against_the_type(string content, string message)
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var typeId = await TransactionTypeTests.CreateTypeAsync(account, DealType);
        await account.CreateContactAsync("v@example.com");
        var reports = await Send(account, $$$"""[{"type":{{{typeId}}},"contact":{"email":"v@example.com"},"content":""" + content + "}]");
        Assert.False(reports[0]!["queued"]!.GetValue<bool>());
        Assert.Contains(message, reports[0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strings_longer_than_1000_characters_are_rejected()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var typeId = await TransactionTypeTests.CreateTypeAsync(account, DealType);
        await account.CreateContactAsync("s@example.com");
        var ok = await Send(account, $$$"""[{"type":{{{typeId}}},"contact":{"email":"s@example.com"},"content":{"deal_id":1,"title":"{{{new string('t', 1000)}}}"}}]""");
        Assert.True(ok[0]!["queued"]!.GetValue<bool>());
        var tooLong = await Send(account, $$$"""[{"type":{{{typeId}}},"contact":{"email":"s@example.com"},"content":{"deal_id":1,"title":"{{{new string('t', 1001)}}}"}}]""");
        Assert.Contains("too long", tooLong[0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_type_and_missing_contact_reference_are_reported()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.CreateContactAsync("t@example.com");
        var reports = await Send(account, """[{"typeName":"nope","contact":{"email":"t@example.com"},"content":{}},{"typeName":"nope","content":{}},{"contact":{"email":"t@example.com"}}]""");
        Assert.Contains("not found", reports[0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(reports, r => Assert.False(r!["queued"]!.GetValue<bool>()));
        Assert.Contains("no type", reports[2]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_creates_the_contact_and_is_recorded()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var typeId = await TransactionTypeTests.CreateTypeAsync(account, DealType);
        var reports = await Send(account, $$$"""[{"type":{{{typeId}}},"import":{"contact":{"email":"new@example.com","external_id":"pd-1-2","permission":1}},"content":{"deal_id":43}}]""");
        Assert.True(reports[0]!["queued"]!.GetValue<bool>());
        Assert.True(reports[0]!["contact"]!["created"]!.GetValue<bool>());
        Assert.Equal(1, reports[0]!["contact"]!["permission"]!.GetValue<int>());

        var imports = await account.ControlListAsync("imports");
        var record = Assert.Single(imports)!;
        Assert.Equal("new@example.com", record["email"]!.GetValue<string>());
        Assert.True(record["contactCreated"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, (await account.Api.GetAsync("/1.0/contacts/email/new%40example.com")).StatusCode);
    }

    [Fact]
    public async Task Transaction_ids_are_generated_on_request_and_readable_for_idempotent_retries()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var typeId = await TransactionTypeTests.CreateTypeAsync(account, DealType);
        await account.CreateContactAsync("id@example.com");

        var generated = await Send(account, $$$"""[{"type":{{{typeId}}},"contact":{"email":"id@example.com"},"content":{"deal_id":1}}]""", "generate_transaction_id=true");
        var generatedId = generated[0]!["transaction_id"]!.GetValue<string>();
        Assert.True(Guid.TryParse(generatedId, out _));

        var supplied = await Send(account, $$$"""[{"type":{{{typeId}}},"contact":{"email":"id@example.com"},"content":{"deal_id":2,"transaction_id":"deal-2-v7"}}]""");
        Assert.Equal("deal-2-v7", supplied[0]!["transaction_id"]!.GetValue<string>());

        var found = JsonNode.Parse(await account.Api.GetStringAsync($"/1.0/transactions/{typeId}/transaction_id/deal-2-v7"))!;
        Assert.Equal(2, found["deal_id"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await account.Api.GetAsync($"/1.0/transactions/{typeId}/transaction_id/deal-3-v1")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await account.Api.DeleteAsync($"/1.0/transactions/{typeId}/transaction_id/deal-2-v7")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await account.Api.GetAsync($"/1.0/transactions/{typeId}/transaction_id/deal-2-v7")).StatusCode);
    }

    [Fact]
    public async Task Body_over_9_000_000_bytes_is_413()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var padding = new string(' ', 9_000_001);
        await AssertError(await account.Api.PostAsync("/1.0/transactions", JsonBody("[" + padding + "]")), HttpStatusCode.RequestEntityTooLarge, "9000000");
    }

    [Theory]
    [InlineData("{}", "application/json", HttpStatusCode.BadRequest, "JSON array")]
    [InlineData("[", "application/json", HttpStatusCode.BadRequest, "malformed")]
    [InlineData("[]", "application/vnd.maileon.api+xml", HttpStatusCode.UnsupportedMediaType, "application/json")]
    public async Task Bad_bodies_are_rejected(string body, string contentType, HttpStatusCode status, string message)
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await AssertError(await account.Api.PostAsync("/1.0/transactions", new StringContent(body, Encoding.UTF8, contentType)), status, message);
    }

    [Fact]
    public async Task Listing_needs_a_known_type_and_a_count_up_to_2000()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await AssertError(await account.Api.GetAsync("/1.0/transactions"), HttpStatusCode.BadRequest, "type_id");
        await AssertError(await account.Api.GetAsync("/1.0/transactions?type_id=1&count=2001"), HttpStatusCode.BadRequest, "2000");
        await AssertError(await account.Api.GetAsync("/1.0/transactions?type_id=987654"), HttpStatusCode.NotFound, "not found");
    }

    private static async Task<JsonArray> Send(MaileonAccountFixture account, string body, string query = "ignore_invalid_transactions=true")
    {
        var response = await account.Api.PostAsync($"/1.0/transactions?{query}", JsonBody(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!["reports"]!.AsArray();
    }
}
