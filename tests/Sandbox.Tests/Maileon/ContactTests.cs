using System.Net;
using System.Xml.Linq;
using static PipedriveMaileon.Sandbox.Tests.Maileon.AuthenticationTests;
using static PipedriveMaileon.Sandbox.Tests.Maileon.MaileonAccountFixture;

namespace PipedriveMaileon.Sandbox.Tests.Maileon;

public sealed class ContactTests(MaileonSandboxFactory factory) : IClassFixture<MaileonSandboxFactory>
{
    private const string DocumentedContact = """
        <?xml version="1.0"?>
        <contact>
          <external_id>pd-123-456</external_id>
          <standard_fields>
            <field><name>FIRSTNAME</name><value><![CDATA[Max]]></value></field>
            <field><name>LASTNAME</name><value><![CDATA[Mustermann]]></value></field>
            <field><name>FULLNAME</name><value><![CDATA[Max Mustermann]]></value></field>
            <field><name>ORGANIZATION</name><value><![CDATA[ACME GmbH]]></value></field>
          </standard_fields>
          <custom_fields>
            <field><name>pipedrive_person_id</name><value><![CDATA[456]]></value></field>
          </custom_fields>
        </contact>
        """;

    [Fact]
    public async Task Documented_xml_create_answers_201_with_id_and_get_returns_documented_shape()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.CreateCustomFieldAsync("pipedrive_person_id", "integer");

        var created = await account.Api.PostAsync("/1.0/contacts/email/max.mustermann%40xqueue.com?permission=1&sync_mode=1&doi=true&doiplus=false&doimailing=doi-default&src=pipedrive&subscription_page=settings", Xml(DocumentedContact));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(XmlType, created.Content.Headers.ContentType!.MediaType);
        var id = XElement.Parse(await created.Content.ReadAsStringAsync());
        Assert.Equal("id", id.Name.LocalName);
        Assert.True(long.Parse(id.Value, System.Globalization.CultureInfo.InvariantCulture) > 0);

        var response = await account.Api.GetAsync("/1.0/contacts/email/max.mustermann%40xqueue.com?standard_field=FIRSTNAME&standard_field=LASTNAME&standard_field=TITLE&custom_field=pipedrive_person_id&custom_field=pipedrive_org");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var contact = XElement.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("contact", contact.Name.LocalName);
        Assert.Equal(id.Value, contact.Element("id")!.Value);
        Assert.Equal("max.mustermann@xqueue.com", contact.Element("email")!.Value);
        Assert.Equal("pd-123-456", contact.Element("external_id")!.Value);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{1,3}$", contact.Element("created")!.Value);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{1,3}$", contact.Element("updated")!.Value);
        Assert.Equal("1", contact.Element("permission")!.Value);

        var standard = contact.Element("standard_fields")!.Elements("field").ToDictionary(f => f.Element("name")!.Value, f => f.Element("value")!);
        Assert.Equal(["FIRSTNAME", "LASTNAME", "TITLE"], standard.Keys.ToArray());
        Assert.Equal("Max", standard["FIRSTNAME"].Value);
        Assert.Equal("Mustermann", standard["LASTNAME"].Value);
        Assert.Equal("true", (string?)standard["TITLE"].Attribute("nil"));

        var custom = contact.Element("custom_fields")!.Elements("field").ToList();
        Assert.Single(custom);
        Assert.Equal("pipedrive_person_id", custom[0].Element("name")!.Value);
        Assert.Equal("456", custom[0].Element("value")!.Value);
    }

    [Fact]
    public async Task Get_without_field_parameters_has_empty_field_lists_and_nil_external_id()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.CreateContactAsync("plain@example.com");
        var contact = XElement.Parse(await account.Api.GetStringAsync("/1.0/contacts/email/plain%40example.com"));
        Assert.Equal("true", (string?)contact.Element("external_id")!.Attribute("nil"));
        Assert.Empty(contact.Element("standard_fields")!.Elements());
        Assert.Empty(contact.Element("custom_fields")!.Elements());
    }

    [Fact]
    public async Task Json_create_with_custom_fields_is_accepted()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.CreateCustomFieldAsync("pipedrive_person_id", "integer");
        await account.CreateCustomFieldAsync("pipedrive_opt_in", "boolean");
        var body = """{ "external_id": "pd-123-456", "standard_fields": { "FIRSTNAME": "Max", "LASTNAME": "Mustermann", "ORGANIZATION": "ACME GmbH" }, "custom_fields": { "pipedrive_person_id": 456, "pipedrive_opt_in": true } }""";
        var response = await account.Api.PostAsync("/1.0/contacts/email/json%40example.com?sync_mode=1", JsonBody(body, JsonType));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var contact = XElement.Parse(await account.Api.GetStringAsync("/1.0/contacts/email/json%40example.com?custom_field=pipedrive_opt_in&standard_field=ORGANIZATION"));
        Assert.Equal("true", contact.Element("custom_fields")!.Element("field")!.Element("value")!.Value);
        Assert.Equal("ACME GmbH", contact.Element("standard_fields")!.Element("field")!.Element("value")!.Value);
    }

    [Fact]
    public async Task Json_custom_field_null_is_400()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.CreateCustomFieldAsync("owner_name", "string");
        var response = await account.Api.PostAsync("/1.0/contacts/email/null%40example.com", JsonBody("""{"custom_fields":{"owner_name":null}}""", JsonType));
        await AssertError(response, HttpStatusCode.BadRequest, "must not be null");
    }

    [Fact]
    public async Task Sync_mode_defaults_to_2_and_leaves_an_existing_contact_untouched()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var id = await account.CreateContactAsync("sync@example.com", "sync_mode=1",
            "<contact><standard_fields><field><name>FIRSTNAME</name><value>Old</value></field></standard_fields></contact>");

        var ignored = await account.Api.PostAsync("/1.0/contacts/email/sync%40example.com",
            Xml("<contact><standard_fields><field><name>FIRSTNAME</name><value>New</value></field></standard_fields></contact>"));
        Assert.Equal(HttpStatusCode.Created, ignored.StatusCode);
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), XElement.Parse(await ignored.Content.ReadAsStringAsync()).Value);
        Assert.Equal("Old", await FirstName(account, "sync%40example.com"));

        await account.Api.PostAsync("/1.0/contacts/email/sync%40example.com?sync_mode=1",
            Xml("<contact><standard_fields><field><name>FIRSTNAME</name><value>New</value></field></standard_fields></contact>"));
        Assert.Equal("New", await FirstName(account, "sync%40example.com"));
    }

    [Theory]
    [InlineData("max%2Bnews%40example.com")]
    [InlineData("max+news@example.com")]
    public async Task Plus_in_the_address_stays_a_plus_whether_encoded_or_raw(string pathEmail)
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var response = await account.Api.PostAsync($"/1.0/contacts/email/{pathEmail}?sync_mode=1", Xml("<contact/>"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var contact = XElement.Parse(await account.Api.GetStringAsync("/1.0/contacts/email/max%2Bnews%40example.com"));
        Assert.Equal("max+news@example.com", contact.Element("email")!.Value);
        Assert.Equal(HttpStatusCode.NotFound, (await account.Api.GetAsync("/1.0/contacts/email/max%20news%40example.com")).StatusCode);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("two%40at%40example.com")]
    [InlineData("space%20in%40example.com")]
    public async Task Invalid_email_is_400(string pathEmail)
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await AssertError(await account.Api.PostAsync($"/1.0/contacts/email/{pathEmail}", Xml("<contact/>")), HttpStatusCode.BadRequest, "Invalid email");
    }

    [Fact]
    public async Task Unknown_custom_field_is_400()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.CreateCustomFieldAsync("pipedriveId", "integer");
        var body = "<contact><custom_fields><field><name>pipedriveid</name><value>1</value></field></custom_fields></contact>";
        await AssertError(await account.Api.PostAsync("/1.0/contacts/email/unknown%40example.com", Xml(body)), HttpStatusCode.BadRequest, "Unknown custom field: pipedriveid");
    }

    [Fact]
    public async Task Unknown_standard_field_is_400()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var body = "<contact><standard_fields><field><name>PHONE</name><value>123</value></field></standard_fields></contact>";
        await AssertError(await account.Api.PostAsync("/1.0/contacts/email/phone%40example.com", Xml(body)), HttpStatusCode.BadRequest, "Unknown standard field: PHONE");
    }

    [Fact]
    public async Task Strings_over_255_characters_are_400_for_standard_and_custom_fields()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.CreateCustomFieldAsync("owner_name", "string");
        var longText = new string('x', 256);
        var standard = $"<contact><standard_fields><field><name>FIRSTNAME</name><value>{longText}</value></field></standard_fields></contact>";
        await AssertError(await account.Api.PostAsync("/1.0/contacts/email/long%40example.com", Xml(standard)), HttpStatusCode.BadRequest, "too long");
        var custom = $"<contact><custom_fields><field><name>owner_name</name><value>{longText}</value></field></custom_fields></contact>";
        await AssertError(await account.Api.PostAsync("/1.0/contacts/email/long%40example.com", Xml(custom)), HttpStatusCode.BadRequest, "too long");

        var exactly255 = $"<contact><standard_fields><field><name>FIRSTNAME</name><value>{longText[..255]}</value></field></standard_fields></contact>";
        Assert.Equal(HttpStatusCode.Created, (await account.Api.PostAsync("/1.0/contacts/email/long%40example.com", Xml(exactly255))).StatusCode);
    }

    [Theory]
    [InlineData("integer", "12a")]
    [InlineData("float", "one")]
    [InlineData("date", "2026-13-01")]
    [InlineData("boolean", "yes")]
    public async Task Custom_field_values_are_checked_against_the_field_type(string type, string value)
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.CreateCustomFieldAsync("typed_field", type);
        var body = $"<contact><custom_fields><field><name>typed_field</name><value>{value}</value></field></custom_fields></contact>";
        await AssertError(await account.Api.PostAsync("/1.0/contacts/email/typed%40example.com", Xml(body)), HttpStatusCode.BadRequest, $"type {type}");
    }

    [Theory]
    [InlineData("GENDER", "x")]
    [InlineData("LOCALE", "deutsch")]
    [InlineData("BIRTHDAY", "01.02.1990")]
    public async Task Standard_field_formats_are_checked(string field, string value)
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var body = $"<contact><standard_fields><field><name>{field}</name><value>{value}</value></field></standard_fields></contact>";
        await AssertError(await account.Api.PostAsync("/1.0/contacts/email/format%40example.com", Xml(body)), HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Wrong_content_type_is_415(string contentType)
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var response = await account.Api.PostAsync("/1.0/contacts/email/ct%40example.com", new StringContent("{}", System.Text.Encoding.UTF8, contentType));
        await AssertError(response, HttpStatusCode.UnsupportedMediaType, "not supported");
    }

    [Theory]
    [InlineData("", "at least <contact></contact>")]
    [InlineData("<contact>", "malformed")]
    [InlineData("<person/>", "Expected a <contact>")]
    public async Task Bad_xml_bodies_are_400(string body, string message)
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await AssertError(await account.Api.PostAsync("/1.0/contacts/email/body%40example.com", Xml(body)), HttpStatusCode.BadRequest, message);
    }

    [Theory]
    [InlineData("permission=7", "permission")]
    [InlineData("sync_mode=3", "sync_mode")]
    [InlineData("doi=yes", "doi")]
    public async Task Bad_query_values_are_400(string query, string message)
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await AssertError(await account.Api.PostAsync($"/1.0/contacts/email/q%40example.com?{query}", Xml("<contact/>")), HttpStatusCode.BadRequest, message);
    }

    [Fact]
    public async Task Missing_contact_is_404()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await AssertError(await account.Api.GetAsync("/1.0/contacts/email/nobody%40example.com"), HttpStatusCode.NotFound, "not found");
    }

    [Fact]
    public async Task Lower_permission_never_downgrades_an_existing_doi_contact()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.CreateContactAsync("kept@example.com", "permission=5&sync_mode=1");
        await account.CreateContactAsync("kept@example.com", "permission=1&sync_mode=1");
        Assert.Equal("5", await Permission(account, "kept%40example.com"));
        await account.CreateContactAsync("kept@example.com", "permission=4&sync_mode=1");
        Assert.Equal("5", await Permission(account, "kept%40example.com"));

        await account.CreateContactAsync("raised@example.com", "permission=4&sync_mode=1");
        await account.CreateContactAsync("raised@example.com", "permission=5&sync_mode=1");
        Assert.Equal("5", await Permission(account, "raised%40example.com"));
    }

    [Fact]
    public async Task External_id_lookups_return_lists_and_a_shared_external_id_makes_post_409()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.CreateContactAsync("a@example.com", "sync_mode=1", "<contact><external_id>pd-1-1</external_id></contact>");
        var list = XElement.Parse(await account.Api.GetStringAsync("/1.0/contacts/externalid/pd-1-1"));
        Assert.Equal("contacts", list.Name.LocalName);
        Assert.Single(list.Elements("contact"));

        var updated = await account.Api.PostAsync("/1.0/contacts/externalid/pd-1-1?sync_mode=1",
            Xml("<contact><standard_fields><field><name>FIRSTNAME</name><value>Ann</value></field></standard_fields></contact>"));
        Assert.Equal(HttpStatusCode.Created, updated.StatusCode);
        Assert.Equal("Ann", await FirstName(account, "a%40example.com"));

        await account.CreateContactAsync("b@example.com", "sync_mode=1", "<contact><external_id>pd-1-1</external_id></contact>");
        Assert.Equal(2, XElement.Parse(await account.Api.GetStringAsync("/1.0/contacts/externalid/pd-1-1")).Elements("contact").Count());
        await AssertError(await account.Api.PostAsync("/1.0/contacts/externalid/pd-1-1?sync_mode=1", Xml("<contact/>")), HttpStatusCode.Conflict, "not unique");

        Assert.Empty(XElement.Parse(await account.Api.GetStringAsync("/1.0/contacts/externalid/pd-none")).Elements());
    }

    [Fact]
    public async Task Put_updates_fields_and_can_change_the_email()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var id = await account.CreateContactAsync("before@example.com");
        var response = await account.Api.PutAsync("/1.0/contacts/email/before%40example.com",
            Xml("<contact><email>after@example.com</email><standard_fields><field><name>LASTNAME</name><value>Renamed</value></field></standard_fields></contact>"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await account.Api.GetAsync("/1.0/contacts/email/before%40example.com")).StatusCode);
        var contact = XElement.Parse(await account.Api.GetStringAsync("/1.0/contacts/email/after%40example.com?standard_field=LASTNAME"));
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), contact.Element("id")!.Value);
        Assert.Equal("Renamed", contact.Element("standard_fields")!.Element("field")!.Element("value")!.Value);
        await AssertError(await account.Api.PutAsync("/1.0/contacts/email/nobody%40example.com", Xml("<contact/>")), HttpStatusCode.NotFound, "not found");
    }

    [Fact]
    public async Task Hard_delete_removes_the_contact_without_a_report_entry()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.CreateContactAsync("gone@example.com");
        Assert.Equal(HttpStatusCode.NoContent, (await account.Api.DeleteAsync("/1.0/contacts/email/gone%40example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await account.Api.GetAsync("/1.0/contacts/email/gone%40example.com")).StatusCode);
        Assert.Empty(await account.ControlListAsync("unsubscriptions"));
    }

    [Fact]
    public async Task Contact_list_is_paged_and_filters_by_updated_after()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        for (var i = 0; i < 3; i++)
        {
            await account.CreateContactAsync($"list{i}@example.com");
        }

        var response = await account.Api.GetAsync("/1.0/contacts?page_index=1&page_size=2");
        Assert.Equal("3", response.Headers.GetValues("X-Items").Single());
        Assert.Equal("2", response.Headers.GetValues("X-Pages").Single());
        Assert.Equal(2, XElement.Parse(await response.Content.ReadAsStringAsync()).Elements("contact").Count());

        var future = DateTime.UtcNow.AddMinutes(5).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Empty(XElement.Parse(await account.Api.GetStringAsync($"/1.0/contacts?updated_after={Uri.EscapeDataString(future)}")).Elements());
        var past = DateTime.UtcNow.AddMinutes(-5).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(3, XElement.Parse(await account.Api.GetStringAsync($"/1.0/contacts?updated_after={Uri.EscapeDataString(past)}")).Elements("contact").Count());
        Assert.Equal("3", XElement.Parse(await account.Api.GetStringAsync("/1.0/contacts/count")).Value);

        await AssertError(await account.Api.GetAsync("/1.0/contacts?page_size=200000"), HttpStatusCode.BadRequest, "page_size must not exceed 1000 but was 200000");
        await AssertError(await account.Api.GetAsync("/1.0/contacts?updated_after=yesterday"), HttpStatusCode.BadRequest, "updated_after");
    }

    private static async Task<string> FirstName(MaileonAccountFixture account, string pathEmail) =>
        XElement.Parse(await account.Api.GetStringAsync($"/1.0/contacts/email/{pathEmail}?standard_field=FIRSTNAME"))
            .Element("standard_fields")!.Element("field")!.Element("value")!.Value;

    private static async Task<string> Permission(MaileonAccountFixture account, string pathEmail) =>
        XElement.Parse(await account.Api.GetStringAsync($"/1.0/contacts/email/{pathEmail}")).Element("permission")!.Value;
}
