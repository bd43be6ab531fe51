using System.Net;
using System.Xml.Linq;
using static PipedriveMaileon.Sandbox.Tests.Maileon.AuthenticationTests;

namespace PipedriveMaileon.Sandbox.Tests.Maileon;

public sealed class CustomFieldTests(MaileonSandboxFactory factory) : IClassFixture<MaileonSandboxFactory>
{
    [Fact]
    public async Task Created_fields_are_listed_in_the_documented_xml_shape()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.CreateCustomFieldAsync("pipedrive_person_id", "integer");
        await account.CreateCustomFieldAsync("Magento_NL", "boolean");

        var response = await account.Api.GetAsync("/1.0/contacts/fields/custom");
        Assert.Equal(MaileonAccountFixture.XmlType, response.Content.Headers.ContentType!.MediaType);
        var list = XElement.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("custom_fields", list.Name.LocalName);
        var fields = list.Elements("custom_field").Select(f => (f.Element("name")!.Value, f.Element("type")!.Value)).ToList();
        Assert.Equal([("pipedrive_person_id", "integer"), ("Magento_NL", "boolean")], fields);
    }

    [Fact]
    public async Task Duplicate_name_is_409_with_xml_error()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.CreateCustomFieldAsync("owner_email", "string");
        await AssertError(await account.Api.PostAsync("/1.0/contacts/fields/custom/owner_email?type=string", null), HttpStatusCode.Conflict, "already exists");
    }

    [Fact]
    public async Task Names_are_case_sensitive()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.CreateCustomFieldAsync("pipedriveId", "integer");
        await account.CreateCustomFieldAsync("PipedriveId", "string");
        Assert.Equal(2, XElement.Parse(await account.Api.GetStringAsync("/1.0/contacts/fields/custom")).Elements().Count());
    }

    [Theory]
    [InlineData("ab", "3 to 64")]
    [InlineData("FIRSTNAME", "standard field")]
    [InlineData("firstname", "standard field")]
    [InlineData("external_id", "reserved")]
    [InlineData("permission_status", "standard field")]
    [InlineData("updated", "reserved")]
    public async Task Invalid_names_are_400(string name, string message)
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await AssertError(await account.Api.PostAsync($"/1.0/contacts/fields/custom/{name}?type=string", null), HttpStatusCode.BadRequest, message);
    }

    [Fact]
    public async Task Name_longer_than_64_is_400()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await AssertError(await account.Api.PostAsync($"/1.0/contacts/fields/custom/{new string('f', 65)}?type=string", null), HttpStatusCode.BadRequest, "3 to 64");
        Assert.Equal(HttpStatusCode.Created, (await account.Api.PostAsync($"/1.0/contacts/fields/custom/{new string('f', 64)}?type=string", null)).StatusCode);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("datetime")]
    [InlineData("json")]
    public async Task Unknown_type_is_400(string type)
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await AssertError(await account.Api.PostAsync($"/1.0/contacts/fields/custom/some_field?type={type}", null), HttpStatusCode.BadRequest, "Invalid type");
    }

    [Fact]
    public async Task Date_values_lose_their_time_and_delete_removes_field_and_values()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.CreateCustomFieldAsync("last_deal", "date");
        await account.CreateContactAsync("dated@example.com", "sync_mode=1",
            "<contact><custom_fields><field><name>last_deal</name><value>2026-09-01 12:34:56</value></field></custom_fields></contact>");
        var contact = XElement.Parse(await account.Api.GetStringAsync("/1.0/contacts/email/dated%40example.com?custom_field=last_deal"));
        Assert.Equal("2026-09-01", contact.Element("custom_fields")!.Element("field")!.Element("value")!.Value);

        Assert.Equal(HttpStatusCode.OK, (await account.Api.DeleteAsync("/1.0/contacts/fields/custom/last_deal")).StatusCode);
        Assert.Empty(XElement.Parse(await account.Api.GetStringAsync("/1.0/contacts/fields/custom")).Elements());
        await AssertError(await account.Api.DeleteAsync("/1.0/contacts/fields/custom/last_deal"), HttpStatusCode.NotFound, "not found");
    }
}
