using System.Net;
using System.Xml.Linq;
using static PipedriveMaileon.Sandbox.Tests.Maileon.Conformance.MaileonWire;
using static PipedriveMaileon.Sandbox.Tests.Maileon.MaileonAccountFixture;

namespace PipedriveMaileon.Sandbox.Tests.Maileon.Conformance;

/// <summary>Transaction types and transactions (send, get, recent), compared whole with what Maileon documents.</summary>
public sealed class TransactionConformanceTests(FixedClockSandboxFactory factory) : IClassFixture<FixedClockSandboxFactory>
{
    // As the product and the PHP client send it: no attribute ids, <required> only where true.
    private const string DealType = """
        <?xml version="1.0"?>
        <transaction_type><name>pipedrive_deal_updated</name><storeOnly>false</storeOnly><attributes>
          <attribute><name>transaction_id</name><type>string</type></attribute>
          <attribute><name>deal.id</name><type>integer</type><required>true</required></attribute>
          <attribute><name>deal.title</name><type>string</type><required>false</required></attribute>
        </attributes></transaction_type>
        """;

    [Fact]
    public async Task Type_create_get_list_and_delete()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var created = await account.Api.PostAsync("/1.0/transactions/types", Xml(DealType));
        var typeId = IdOf(await created.Content.ReadAsStringAsync());
        await AssertXml(created, HttpStatusCode.Created, $"<id>{typeId}</id>");

        var byName = await account.Api.GetAsync("/1.0/transactions/types/pipedrive_deal_updated");
        var attributeIds = XElement.Parse(await byName.Content.ReadAsStringAsync()).Descendants("attribute").Select(a => a.Element("id")!.Value).ToArray();
        var expected = $"<transaction_type><id>{typeId}</id><name>pipedrive_deal_updated</name><description></description>"
            + $"<created>{FixedClockSandboxFactory.Now.ToUnixTimeMilliseconds()}</created><storeOnly>false</storeOnly><attributes>"
            + $"<attribute><id>{attributeIds[0]}</id><name>transaction_id</name><description></description><type>string</type><required>false</required></attribute>"
            + $"<attribute><id>{attributeIds[1]}</id><name>deal.id</name><description></description><type>integer</type><required>true</required></attribute>"
            + $"<attribute><id>{attributeIds[2]}</id><name>deal.title</name><description></description><type>string</type><required>false</required></attribute>"
            + "</attributes></transaction_type>";
        await AssertXml(byName, HttpStatusCode.OK, expected);
        await AssertXml(await account.Api.GetAsync($"/1.0/transactions/types/{typeId}"), HttpStatusCode.OK, expected);

        var list = await account.Api.GetAsync("/1.0/transactions/types?page_index=1&page_size=10");
        await AssertXml(list, HttpStatusCode.OK, $"<transaction_types>{expected}</transaction_types>");
        AssertPaging(list, 1, 1);
        await AssertXml(await account.Api.GetAsync("/1.0/transactions/types/count"), HttpStatusCode.OK, "<count>1</count>");

        await AssertError(await account.Api.PostAsync("/1.0/transactions/types", Xml(DealType)), HttpStatusCode.Conflict,
            "A transaction type with the name pipedrive_deal_updated already exists.");
        await AssertNoBody(await account.Api.DeleteAsync($"/1.0/transactions/types/{typeId}"), HttpStatusCode.NoContent);
        await AssertError(await account.Api.GetAsync("/1.0/transactions/types/pipedrive_deal_updated"), HttpStatusCode.NotFound,
            "Transaction type pipedrive_deal_updated not found.");
    }

    [Fact]
    public async Task Send_reports_each_event_and_get_returns_the_content_itself()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var typeId = IdOf(await (await account.Api.PostAsync("/1.0/transactions/types", Xml(DealType))).Content.ReadAsStringAsync());
        var contactId = await account.CreateContactAsync("ada@example.com", "permission=4&sync_mode=1", "<contact><external_id>pd-1-2</external_id></contact>");

        var body = """
            [{"typeName":"pipedrive_deal_updated","contact":{"email":"ada@example.com"},"content":{"deal.id":42,"deal.title":"Müller & Söhne +1","transaction_id":"deal-42-v1"}},
             {"type":TYPE,"contact":{"email":"nobody@example.com"},"content":{"deal.id":43}}]
            """.Replace("TYPE", typeId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        await AssertJson(await account.Api.PostAsync("/1.0/transactions?ignore_invalid_transactions=true&generate_transaction_id=false", JsonBody(body)), HttpStatusCode.OK,
            $$"""{"reports":[{"contact":{"id":{{contactId}},"email":"ada@example.com","external_id":"pd-1-2"},"queued":true,"transaction_id":"deal-42-v1","message":null},"""
            + """{"contact":{"email":"nobody@example.com"},"queued":false,"message":"Contact not found: {\"email\":\"nobody@example.com\"}."}]}""");

        // Strict mode: an unknown contact (without import) refuses the whole request.
        await AssertError(await account.Api.PostAsync("/1.0/transactions?ignore_invalid_transactions=false", JsonBody(body)), HttpStatusCode.BadRequest,
            """Contact not found: {"email":"nobody@example.com"}.""");

        // "Get Transaction" answers the content of the transaction, not a wrapper.
        await AssertJson(await account.Api.GetAsync($"/1.0/transactions/{typeId}/transaction_id/deal-42-v1"), HttpStatusCode.OK,
            """{"deal.id":42,"deal.title":"Müller & Söhne +1","transaction_id":"deal-42-v1"}""");
        await AssertError(await account.Api.GetAsync($"/1.0/transactions/{typeId}/transaction_id/deal-43-v1"), HttpStatusCode.NotFound,
            $"Transaction deal-43-v1 of type {typeId} not found.");
    }

    [Fact]
    public async Task Recent_transactions_carry_the_fields_the_official_client_reads()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var typeId = IdOf(await (await account.Api.PostAsync("/1.0/transactions/types", Xml(DealType))).Content.ReadAsStringAsync());
        var contactId = await account.CreateContactAsync("ada@example.com");
        var sent = await account.Api.PostAsync("/1.0/transactions",
            JsonBody("""[{"typeName":"pipedrive_deal_updated","contact":{"id":CONTACT},"content":{"deal.id":42}}]""".Replace("CONTACT", contactId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var txId = (await account.ControlListAsync("transactions"))[0]!["id"]!.GetValue<long>();

        await AssertJson(await account.Api.GetAsync($"/1.0/transactions?type_id={typeId}&count=10&min_excluded_transaction_id=0"), HttpStatusCode.OK,
            $$"""[{"tx":{"deal.id":42},"txId":{{txId}},"contactId":{{contactId}},"email":"ada@example.com"}]""");
        await AssertJson(await account.Api.GetAsync($"/1.0/transactions?type_id={typeId}&count=10&min_excluded_transaction_id={txId}"), HttpStatusCode.OK, "[]");
    }

    [Fact]
    public async Task Import_creates_the_unknown_contact()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var typeId = IdOf(await (await account.Api.PostAsync("/1.0/transactions/types", Xml(DealType))).Content.ReadAsStringAsync());
        var response = await account.Api.PostAsync("/1.0/transactions?ignore_invalid_transactions=false",
            JsonBody($$$"""[{"type":{{{typeId}}},"import":{"contact":{"email":"new@example.com","permission":1}},"content":{"deal.id":1}}]"""));
        var contactId = XElement.Parse(await (await account.Api.GetAsync("/1.0/contacts/email/new%40example.com")).Content.ReadAsStringAsync()).Element("id")!.Value;
        await AssertJson(response, HttpStatusCode.OK,
            $$"""{"reports":[{"contact":{"id":{{contactId}},"email":"new@example.com","external_id":null,"permission":1,"created":true},"queued":true,"message":null}]}""");
    }
}
