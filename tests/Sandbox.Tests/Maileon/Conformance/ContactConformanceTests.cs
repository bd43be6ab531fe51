using System.Net;
using static PipedriveMaileon.Sandbox.Tests.Maileon.Conformance.MaileonWire;
using static PipedriveMaileon.Sandbox.Tests.Maileon.MaileonAccountFixture;

namespace PipedriveMaileon.Sandbox.Tests.Maileon.Conformance;

/// <summary>Contacts, DOI, unsubscribe and custom fields, compared whole with what Maileon documents.</summary>
public sealed class ContactConformanceTests(FixedClockSandboxFactory factory) : IClassFixture<FixedClockSandboxFactory>
{
    private const string Stamp = "2026-05-27 06:54:41.25";

    private const string AdaBody = """
        <contact><external_id>pd-1-2</external_id>
          <standard_fields><field><name>FIRSTNAME</name><value><![CDATA[Ada]]></value></field><field><name>LASTNAME</name><value><![CDATA[Lovelace]]></value></field></standard_fields>
          <custom_fields><field><name>pipedriveId</name><value><![CDATA[42]]></value></field></custom_fields></contact>
        """;

    private static string Ada(long id, int permission = 1, string firstName = "Ada") =>
        $"<contact><id>{id}</id><email>ada@example.com</email><external_id>pd-1-2</external_id><created>{Stamp}</created><updated>{Stamp}</updated>"
        + $"<permission>{permission}</permission><standard_fields><field><name>FIRSTNAME</name><value>{firstName}</value></field>"
        + "<field><name>LASTNAME</name><value>Lovelace</value></field><field><name>ORGANIZATION</name><value nil=\"true\" /></field></standard_fields>"
        + "<custom_fields><field><name>pipedriveId</name><value>42</value></field></custom_fields></contact>";

    private const string Fields = "standard_field=FIRSTNAME&standard_field=LASTNAME&standard_field=ORGANIZATION&custom_field=pipedriveId&custom_field=owner_email";

    [Fact]
    public async Task Create_with_doi_then_read_by_email_id_and_external_id_with_the_requested_fields()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await CreateFieldsAsync(account);

        var created = await account.Api.PostAsync("/1.0/contacts/email/ada%40example.com?permission=1&sync_mode=1&doi=true&doiplus=false&doimailing=doi-default&src=pipedrive", Xml(AdaBody));
        var id = IdOf(await created.Content.ReadAsStringAsync());
        await AssertXml(created, HttpStatusCode.Created, $"<id>{id}</id>");

        // A requested standard field without a value is nil; a requested custom field without a value is left out.
        await AssertXml(await account.Api.GetAsync($"/1.0/contacts/email/ada%40example.com?{Fields}"), HttpStatusCode.OK, Ada(id));
        await AssertXml(await account.Api.GetAsync($"/1.0/contacts/contact?id={id}&ignore_checksum=true&{Fields}"), HttpStatusCode.OK, Ada(id));
        await AssertXml(await account.Api.GetAsync($"/1.0/contacts/externalid/pd-1-2?{Fields}"), HttpStatusCode.OK, $"<contacts>{Ada(id)}</contacts>");
        await AssertXml(await account.Api.GetAsync($"/1.0/contacts/emails/ada%40example.com?{Fields}"), HttpStatusCode.OK, $"<contacts>{Ada(id)}</contacts>");

        // No field requested: empty containers.
        await AssertXml(await account.Api.GetAsync("/1.0/contacts/email/ada%40example.com"), HttpStatusCode.OK,
            $"<contact><id>{id}</id><email>ada@example.com</email><external_id>pd-1-2</external_id><created>{Stamp}</created><updated>{Stamp}</updated>"
            + "<permission>1</permission><standard_fields /><custom_fields /></contact>");

        // The recipient confirms: permission 4 (DOI), PERMISSION_STATUS available.
        await account.ControlPostAsync("doi/confirm", new { accountId = account.AccountId, email = "ada@example.com" });
        await AssertXml(await account.Api.GetAsync("/1.0/contacts/email/ada%40example.com?standard_field=PERMISSION_STATUS"), HttpStatusCode.OK,
            $"<contact><id>{id}</id><email>ada@example.com</email><external_id>pd-1-2</external_id><created>{Stamp}</created><updated>{Stamp}</updated>"
            + "<permission>4</permission><standard_fields><field><name>PERMISSION_STATUS</name><value>available</value></field></standard_fields><custom_fields /></contact>");
    }

    [Fact]
    public async Task Json_body_create_answers_the_same_id()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await CreateFieldsAsync(account);
        var created = await account.Api.PostAsync("/1.0/contacts/email/json%40example.com?permission=1&sync_mode=1",
            JsonBody("""{"external_id":"pd-1-9","standard_fields":{"FIRSTNAME":"Jay"},"custom_fields":{"pipedriveId":9}}""", JsonType));
        await AssertXml(created, HttpStatusCode.Created, $"<id>{IdOf(await created.Content.ReadAsStringAsync())}</id>");
    }

    [Fact]
    public async Task Update_count_list_and_unsubscribe()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await CreateFieldsAsync(account);
        var id = await account.CreateContactAsync("ada@example.com", "permission=1&sync_mode=1", AdaBody);

        await AssertNoBody(await account.Api.PutAsync("/1.0/contacts/email/ada%40example.com",
            Xml("<contact><standard_fields><field><name>FIRSTNAME</name><value>Augusta</value></field></standard_fields></contact>")), HttpStatusCode.Created);
        await AssertXml(await account.Api.GetAsync($"/1.0/contacts/email/ada%40example.com?{Fields}"), HttpStatusCode.OK, Ada(id, firstName: "Augusta"));
        await AssertNoBody(await account.Api.PutAsync($"/1.0/contacts/contact?id={id}&ignore_checksum=true&triggerdoi=true&doimailing=doi-default", Xml("<contact/>")), HttpStatusCode.Created);

        await AssertXml(await account.Api.GetAsync("/1.0/contacts/count"), HttpStatusCode.OK, "<count>1</count>");
        var page = await account.Api.GetAsync("/1.0/contacts?page_index=1&page_size=10&updated_after=2026-05-27%2006:00:00&standard_field=FIRSTNAME");
        await AssertXml(page, HttpStatusCode.OK,
            $"<contacts><contact><id>{id}</id><email>ada@example.com</email><external_id>pd-1-2</external_id><created>{Stamp}</created><updated>{Stamp}</updated>"
            + "<permission>1</permission><standard_fields><field><name>FIRSTNAME</name><value>Augusta</value></field></standard_fields><custom_fields /></contact></contacts>");
        AssertPaging(page, 1, 1);

        await AssertNoBody(await account.Api.DeleteAsync("/1.0/contacts/email/ada%40example.com/unsubscribe"), HttpStatusCode.NoContent);
        await AssertError(await account.Api.GetAsync("/1.0/contacts/email/ada%40example.com"), HttpStatusCode.NotFound, "Contact with email 'ada@example.com' not found.");
        await AssertError(await account.Api.DeleteAsync("/1.0/contacts/email/ada%40example.com/unsubscribe"), HttpStatusCode.NotFound, "Contact with email 'ada@example.com' not found.");
        await AssertXml(await account.Api.GetAsync("/1.0/contacts/externalid/pd-1-2"), HttpStatusCode.OK, "<contacts />");
    }

    [Fact]
    public async Task Invalid_input_is_400_with_the_error_report()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await AssertError(await account.Api.PostAsync("/1.0/contacts/email/not-an-email?sync_mode=1", Xml("<contact/>")), HttpStatusCode.BadRequest,
            "Invalid email address: 'not-an-email'.");
        await AssertError(await account.Api.PostAsync("/1.0/contacts/email/x%40example.com?sync_mode=1",
            Xml("<contact><custom_fields><field><name>nope</name><value>1</value></field></custom_fields></contact>")), HttpStatusCode.BadRequest,
            "Unknown custom field: nope (custom fields must be created before they are written; names are case-sensitive).");
    }

    [Fact]
    public async Task Custom_fields_list_create_and_duplicate()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await AssertXml(await account.Api.GetAsync("/1.0/contacts/fields/custom"), HttpStatusCode.OK, "<custom_fields />");
        await CreateFieldsAsync(account);
        await AssertXml(await account.Api.GetAsync("/1.0/contacts/fields/custom"), HttpStatusCode.OK,
            "<custom_fields><custom_field><name>pipedriveId</name><type>integer</type></custom_field>"
            + "<custom_field><name>owner_email</name><type>string</type></custom_field></custom_fields>");
        await AssertError(await account.Api.PostAsync("/1.0/contacts/fields/custom/pipedriveId?type=integer", null), HttpStatusCode.Conflict,
            "A custom field with the name pipedriveId already exists.");
        await AssertError(await account.Api.PostAsync("/1.0/contacts/fields/custom/FIRSTNAME?type=string", null), HttpStatusCode.BadRequest,
            "Invalid custom field name 'FIRSTNAME': it is the name of a standard field.");
    }

    private static async Task CreateFieldsAsync(MaileonAccountFixture account)
    {
        await AssertNoBody(await account.Api.PostAsync("/1.0/contacts/fields/custom/pipedriveId?type=integer", null), HttpStatusCode.Created);
        await AssertNoBody(await account.Api.PostAsync("/1.0/contacts/fields/custom/owner_email?type=string", null), HttpStatusCode.Created);
    }
}
