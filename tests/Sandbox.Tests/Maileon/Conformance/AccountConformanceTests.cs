using System.Net;
using System.Net.Http.Json;
using static PipedriveMaileon.Sandbox.Tests.Maileon.Conformance.MaileonWire;

namespace PipedriveMaileon.Sandbox.Tests.Maileon.Conformance;

/// <summary>Ping, account info and the error reports, compared whole with what Maileon documents.</summary>
public sealed class AccountConformanceTests(FixedClockSandboxFactory factory) : IClassFixture<FixedClockSandboxFactory>
{
    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Ping_answers_200_without_a_body(string method)
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        using var request = new HttpRequestMessage(new HttpMethod(method), "/1.0/ping");
        request.Headers.Accept.ParseAdd(ApiXml);
        if (method == "POST")
        {
            request.Content = new StringContent("foobar");
        }

        await AssertNoBody(await account.Api.SendAsync(request), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Account_info_as_json_is_the_documented_object()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/1.0/account/info");
        request.Headers.Accept.ParseAdd(PlainJson);
        await AssertJson(await account.Api.SendAsync(request), HttpStatusCode.OK,
            $$"""{"mailing_domain":"sandbox.maileon.test","id":{{account.AccountId}},"customer_account_id":234,"created":"2026-05-27T06:54:41+0000","customer_account_name":"Sandbox Customer","name":"test account","login_domain":"sandbox-maileon.maileon.test","locale":"de_DE","type":"demo"}""");
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData(null)]
    public async Task Account_info_as_xml_is_the_documented_element_as_application_xml(string? accept)
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/1.0/account/info");
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        await AssertXml(await account.Api.SendAsync(request), HttpStatusCode.OK,
            $"<account_info><id>{account.AccountId}</id><customer_account_id>234</customer_account_id><created>2026-05-27T06:54:41+0000</created>"
            + "<customer_account_name>Sandbox Customer</customer_account_name><locale>de_DE</locale><mailing_domain>sandbox.maileon.test</mailing_domain>"
            + "<name>test account</name><login_domain>sandbox-maileon.maileon.test</login_domain><type>demo</type></account_info>",
            PlainXml);
    }

    [Fact]
    public async Task Wrong_key_is_401_with_the_error_report()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = MaileonAccountFixture.Basic("00000000-0000-0000-0000-000000000000");
        await AssertError(await client.GetAsync("/1.0/ping"), HttpStatusCode.Unauthorized, "Unauthorized: the API key is invalid.");
        await AssertError(await factory.CreateClient().GetAsync("/1.0/contacts/count"), HttpStatusCode.Unauthorized,
            "Unauthorized: no API key given (send 'Authorization: Basic base64(API key)').");
    }

    [Fact]
    public async Task Key_without_the_method_privilege_is_403_with_the_error_report()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var key = await account.ControlPostAsync($"accounts/{account.AccountId}/keys", new { methods = new[] { "GET" } }, HttpStatusCode.Created);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = MaileonAccountFixture.Basic(key["key"]!.GetValue<string>());
        await AssertError(await client.DeleteAsync("/1.0/ping"), HttpStatusCode.Forbidden, "Forbidden: the API key has no privileges for the HTTP method DELETE.");
    }

    [Fact]
    public async Task Unknown_resource_is_404_and_a_wrong_body_type_415_with_the_error_report()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await AssertError(await account.Api.GetAsync("/1.0/mailings/3108"), HttpStatusCode.NotFound, "No resource at /1.0/mailings/3108.");
        await AssertError(await account.Api.PostAsync("/1.0/transactions", MaileonAccountFixture.Xml("<x/>")), HttpStatusCode.UnsupportedMediaType,
            "Content-Type 'application/vnd.maileon.api+xml; charset=utf-8' is not supported here; use application/json.");
    }

    [Fact]
    public async Task Invalid_paging_is_400_with_the_documented_message()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await AssertError(await account.Api.GetAsync("/1.0/contacts?page_index=1&page_size=200000"), HttpStatusCode.BadRequest,
            "page_size must not exceed 1000 but was 200000");
    }

    [Fact]
    public async Task Injected_faults_answer_in_the_same_envelope_and_media_type()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var rule = await account.Control.PostAsJsonAsync("/_sandbox/maileon/faults", new { pathPattern = "^/1.0/contacts/count$", status = 503, times = 1 });
        rule.EnsureSuccessStatusCode();
        await AssertError(await account.Api.GetAsync("/1.0/contacts/count"), HttpStatusCode.ServiceUnavailable, "Injected fault");
    }
}
