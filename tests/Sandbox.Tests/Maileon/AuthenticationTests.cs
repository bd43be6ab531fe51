using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace PipedriveMaileon.Sandbox.Tests.Maileon;

public sealed class AuthenticationTests(MaileonSandboxFactory factory) : IClassFixture<MaileonSandboxFactory>
{
    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Ping_accepts_base64_of_the_key_with_and_without_trailing_colon(string method)
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var client = factory.CreateClient();
        foreach (var raw in new[] { account.ApiKey, account.ApiKey + ":" })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), "/1.0/ping");
            request.Headers.Authorization = MaileonAccountFixture.Basic(raw);
            if (method == "POST")
            {
                request.Content = new StringContent("foobar");
            }

            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Seeded_demo_account_key_works_out_of_the_box()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = MaileonAccountFixture.Basic("7a3f2c1e-5b6d-4e8f-9a0b-1c2d3e4f5a6b");
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        var info = await client.GetFromJsonAsync<JsonObject>("/1.0/account/info");
        Assert.Equal(7997, info!["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task Missing_header_is_401_with_xml_error()
    {
        var response = await factory.CreateClient().GetAsync("/1.0/ping");
        await AssertError(response, HttpStatusCode.Unauthorized, "no API key given");
    }

    [Theory]
    [InlineData("Bearer abc")]
    [InlineData("Basic not*base64")]
    public async Task Malformed_header_is_401(string header)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);
        await AssertError(await client.GetAsync("/1.0/ping"), HttpStatusCode.Unauthorized, "not 'Basic'");
    }

    [Fact]
    public async Task Unknown_or_truncated_key_is_401_invalid()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = MaileonAccountFixture.Basic(account.ApiKey[..^3]);
        var response = await client.GetAsync("/1.0/ping");
        var body = await AssertError(response, HttpStatusCode.Unauthorized, "API key is invalid");
        Assert.DoesNotContain(account.ApiKey[..^3], body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_key_is_401_expired()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var key = await account.ControlPostAsync($"accounts/{account.AccountId}/keys", new { expiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, HttpStatusCode.Created);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = MaileonAccountFixture.Basic(key["key"]!.GetValue<string>());
        await AssertError(await client.GetAsync("/1.0/ping"), HttpStatusCode.Unauthorized, "has expired");
    }

    [Fact]
    public async Task Deactivated_key_is_401_deactivated_and_can_be_reactivated()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var key = await account.ControlPostAsync($"accounts/{account.AccountId}/keys", new { deactivated = true }, HttpStatusCode.Created);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = MaileonAccountFixture.Basic(key["key"]!.GetValue<string>());
        await AssertError(await client.GetAsync("/1.0/ping"), HttpStatusCode.Unauthorized, "deactivated");

        var update = await account.Control.PutAsJsonAsync($"/_sandbox/maileon/keys/{key["id"]}", new { deactivated = false });
        update.EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/1.0/ping")).StatusCode);
    }

    [Fact]
    public async Task Blocked_account_is_401()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        (await account.Control.PutAsJsonAsync($"/_sandbox/maileon/accounts/{account.AccountId}", new { blocked = true })).EnsureSuccessStatusCode();
        await AssertError(await account.Api.GetAsync("/1.0/ping"), HttpStatusCode.Unauthorized, "blocked");
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Key_without_a_method_privilege_gets_403_for_that_method_only(string missing)
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var allowed = new[] { "GET", "POST", "PUT", "DELETE" }.Where(m => m != missing).ToArray();
        var key = await account.ControlPostAsync($"accounts/{account.AccountId}/keys", new { methods = allowed }, HttpStatusCode.Created);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = MaileonAccountFixture.Basic(key["key"]!.GetValue<string>());

        foreach (var method in new[] { "GET", "POST", "PUT", "DELETE" })
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/1.0/ping"));
            if (method == missing)
            {
                await AssertError(response, HttpStatusCode.Forbidden, $"HTTP method {method}");
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
    }

    [Fact]
    public async Task Account_info_as_json_matches_the_documented_fields()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/1.0/account/info");
        request.Headers.Accept.ParseAdd("application/json");
        var response = await account.Api.SendAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var info = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        foreach (var field in new[] { "mailing_domain", "id", "customer_account_id", "created", "customer_account_name", "name", "login_domain", "locale", "type" })
        {
            Assert.True(info.ContainsKey(field), field);
        }

        Assert.Equal(account.AccountId, info["id"]!.GetValue<long>());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{4}$", info["created"]!.GetValue<string>());
    }

    [Fact]
    public async Task Account_info_as_xml()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/1.0/account/info");
        request.Headers.Accept.ParseAdd("application/xml");
        var response = await account.Api.SendAsync(request);
        var xml = XElement.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("account_info", xml.Name.LocalName);
        Assert.Equal(account.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture), xml.Element("id")!.Value);
    }

    internal static async Task<string> AssertError(HttpResponseMessage response, HttpStatusCode status, string messagePart)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(MaileonAccountFixture.XmlType, Conformance.MaileonWire.RawContentType(response));
        var error = XElement.Parse(body);
        Assert.Equal("error", error.Name.LocalName);
        Assert.Contains(messagePart, error.Element("message")!.Value, StringComparison.OrdinalIgnoreCase);
        return body;
    }
}
