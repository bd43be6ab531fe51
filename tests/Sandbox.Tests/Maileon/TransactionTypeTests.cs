using System.Net;
using System.Xml.Linq;
using static PipedriveMaileon.Sandbox.Tests.Maileon.AuthenticationTests;
using static PipedriveMaileon.Sandbox.Tests.Maileon.MaileonAccountFixture;

namespace PipedriveMaileon.Sandbox.Tests.Maileon;

public sealed class TransactionTypeTests(MaileonSandboxFactory factory) : IClassFixture<MaileonSandboxFactory>
{
    public const string DocumentedType = """
        <transaction_type>
          <name>pipedrive_deal</name>
          <description>Pipedrive deal lifecycle</description>
          <archivingDuration>365</archivingDuration>
          <storeOnly>false</storeOnly>
          <attributes>
            <attribute><name>deal.id</name><type>integer</type><required>true</required></attribute>
            <attribute><name>deal.event</name><type>string</type><required>true</required></attribute>
            <attribute><name>deal.title</name><type>string</type><required>false</required></attribute>
            <attribute><name>deal.value</name><type>float</type><required>false</required></attribute>
            <attribute><name>deal.currency</name><type>string</type><required>false</required></attribute>
            <attribute><name>deal.stage</name><type>string</type><required>false</required></attribute>
            <attribute><name>deal.status</name><type>string</type><required>false</required></attribute>
            <attribute><name>deal.changed_at</name><type>timestamp</type><required>false</required></attribute>
          </attributes>
        </transaction_type>
        """;

    public static async Task<long> CreateTypeAsync(MaileonAccountFixture account, string xml = DocumentedType)
    {
        var response = await account.Api.PostAsync("/1.0/transactions/types", Xml(xml));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return long.Parse(XElement.Parse(text).Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Documented_create_answers_201_id_and_get_by_id_or_name_returns_the_documented_shape()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var id = await CreateTypeAsync(account);

        foreach (var reference in new[] { id.ToString(System.Globalization.CultureInfo.InvariantCulture), "pipedrive_deal" })
        {
            var type = XElement.Parse(await account.Api.GetStringAsync($"/1.0/transactions/types/{reference}"));
            Assert.Equal("transaction_type", type.Name.LocalName);
            Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), type.Element("id")!.Value);
            Assert.Equal("pipedrive_deal", type.Element("name")!.Value);
            Assert.Equal("Pipedrive deal lifecycle", type.Element("description")!.Value);
            Assert.Matches(@"^\d{13}$", type.Element("created")!.Value);
            Assert.Equal("365", type.Element("archivingDuration")!.Value);
            Assert.Equal("false", type.Element("storeOnly")!.Value);
            var attributes = type.Element("attributes")!.Elements("attribute").ToList();
            Assert.Equal(8, attributes.Count);
            Assert.All(attributes, a => Assert.NotNull(a.Element("id")));
            Assert.Equal("deal.id", attributes[0].Element("name")!.Value);
            Assert.Equal("integer", attributes[0].Element("type")!.Value);
            Assert.Equal("true", attributes[0].Element("required")!.Value);
            Assert.Equal("timestamp", attributes[7].Element("type")!.Value);
        }
    }

    [Fact]
    public async Task Missing_type_is_404()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await AssertError(await account.Api.GetAsync("/1.0/transactions/types/pipedrive_deal_added"), HttpStatusCode.NotFound, "not found");
        await AssertError(await account.Api.GetAsync("/1.0/transactions/types/9999"), HttpStatusCode.NotFound, "not found");
    }

    [Fact]
    public async Task Duplicate_name_is_409()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await CreateTypeAsync(account);
        await AssertError(await account.Api.PostAsync("/1.0/transactions/types", Xml(DocumentedType)), HttpStatusCode.Conflict, "already exists");
    }

    [Theory]
    [InlineData("datetime", "no datetime type")]
    [InlineData("text", "Invalid type")]
    public async Task Unknown_attribute_type_is_400(string type, string message)
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var xml = $"<transaction_type><name>bad_type</name><attributes><attribute><name>at</name><type>{type}</type><required>false</required></attribute></attributes></transaction_type>";
        var xmlWithLongName = xml.Replace("<name>at</name>", "<name>changed_at</name>", StringComparison.Ordinal);
        await AssertError(await account.Api.PostAsync("/1.0/transactions/types", Xml(xmlWithLongName)), HttpStatusCode.BadRequest, message);
    }

    [Theory]
    [InlineData("1deal", "start with a letter")]
    [InlineData("de", "3 to 255")]
    [InlineData("deal-added", "start with a letter")]
    public async Task Invalid_type_names_are_400(string name, string message)
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await AssertError(await account.Api.PostAsync("/1.0/transactions/types", Xml($"<transaction_type><name>{name}</name></transaction_type>")), HttpStatusCode.BadRequest, message);
    }

    [Fact]
    public async Task All_documented_attribute_types_are_accepted()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var attributes = string.Concat(new[] { "string", "integer", "float", "double", "boolean", "date", "timestamp", "json" }
            .Select(t => $"<attribute><name>attr_{t}</name><type>{t}</type><required>false</required></attribute>"));
        await CreateTypeAsync(account, $"<transaction_type><name>all_types</name><attributes>{attributes}</attributes></transaction_type>");
    }

    [Fact]
    public async Task Update_may_only_add_attributes()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var id = await CreateTypeAsync(account, "<transaction_type><name>growing</name><attributes><attribute><name>deal_id</name><type>integer</type><required>true</required></attribute></attributes></transaction_type>");

        var added = "<transaction_type><name>growing</name><attributes><attribute><name>deal_id</name><type>integer</type><required>true</required></attribute><attribute><name>title</name><type>string</type><required>false</required></attribute></attributes></transaction_type>";
        Assert.Equal(HttpStatusCode.OK, (await account.Api.PutAsync($"/1.0/transactions/types/{id}", Xml(added))).StatusCode);
        Assert.Equal(2, XElement.Parse(await account.Api.GetStringAsync($"/1.0/transactions/types/{id}")).Element("attributes")!.Elements().Count());

        var removed = "<transaction_type><name>growing</name><attributes><attribute><name>title</name><type>string</type><required>false</required></attribute></attributes></transaction_type>";
        await AssertError(await account.Api.PutAsync($"/1.0/transactions/types/{id}", Xml(removed)), HttpStatusCode.BadRequest, "cannot be removed");

        var changed = added.Replace("<type>integer</type>", "<type>string</type>", StringComparison.Ordinal);
        await AssertError(await account.Api.PutAsync($"/1.0/transactions/types/{id}", Xml(changed)), HttpStatusCode.BadRequest, "cannot be changed");

        var withIds = added.Replace("<attribute><name>deal_id</name>", "<attribute><id>501</id><name>deal_id</name>", StringComparison.Ordinal);
        await AssertError(await account.Api.PutAsync($"/1.0/transactions/types/{id}", Xml(withIds)), HttpStatusCode.BadRequest, "<id>");
    }

    [Fact]
    public async Task List_is_paged_with_headers_and_delete_answers_204()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        foreach (var name in new[] { "pipedrive_deal_added", "pipedrive_deal_updated", "pipedrive_deal_deleted" })
        {
            await CreateTypeAsync(account, $"<transaction_type><name>{name}</name><attributes><attribute><name>deal_id</name><type>integer</type><required>true</required></attribute></attributes></transaction_type>");
        }

        var response = await account.Api.GetAsync("/1.0/transactions/types?page_index=2&page_size=2");
        Assert.Equal("3", response.Headers.GetValues("X-Items").Single());
        Assert.Equal("2", response.Headers.GetValues("X-Pages").Single());
        var page = XElement.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("transaction_types", page.Name.LocalName);
        Assert.Equal("pipedrive_deal_deleted", Assert.Single(page.Elements("transaction_type")).Element("name")!.Value);
        Assert.Equal("3", XElement.Parse(await account.Api.GetStringAsync("/1.0/transactions/types/count")).Value);

        Assert.Equal(HttpStatusCode.NoContent, (await account.Api.DeleteAsync("/1.0/transactions/types/pipedrive_deal_deleted")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await account.Api.GetAsync("/1.0/transactions/types/pipedrive_deal_deleted")).StatusCode);
    }

    [Fact]
    public async Task Json_by_example_infers_attribute_types()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var response = await account.Api.PostAsync("/1.0/transactions/types", JsonBody(
            """{"name":"by_example","storeOnly":false,"archivingDuration":30,"content":{"deal_id":42,"value":12.5,"title":"ACME","won":true,"changed_at":"2026-09-01 12:34:56","tags":["a"]}}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var type = XElement.Parse(await account.Api.GetStringAsync("/1.0/transactions/types/by_example"));
        var types = type.Element("attributes")!.Elements().ToDictionary(a => a.Element("name")!.Value, a => a.Element("type")!.Value);
        Assert.Equal("integer", types["deal_id"]);
        Assert.Equal("float", types["value"]);
        Assert.Equal("string", types["title"]);
        Assert.Equal("boolean", types["won"]);
        Assert.Equal("timestamp", types["changed_at"]);
        Assert.Equal("json", types["tags"]);
    }

    [Fact]
    public async Task Wrong_content_type_is_415()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await AssertError(await account.Api.PostAsync("/1.0/transactions/types", new StringContent(DocumentedType, System.Text.Encoding.UTF8, "text/plain")),
            HttpStatusCode.UnsupportedMediaType, "not supported");
    }
}
