using System.Net;
using System.Net.Http.Json;
using static PipedriveMaileon.Sandbox.Tests.Maileon.AuthenticationTests;

namespace PipedriveMaileon.Sandbox.Tests.Maileon;

public sealed class ErrorFormatTests(MaileonSandboxFactory factory) : IClassFixture<MaileonSandboxFactory>
{
    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Injected_faults_answer_with_the_documented_error_envelope(int status)
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var marker = $"fault{status}@example.com";
        var rule = await account.Control.PostAsJsonAsync("/_sandbox/maileon/faults", new { pathPattern = $"^/1.0/contacts/email/fault{status}", status, times = 1, retryAfterSeconds = 7 });
        rule.EnsureSuccessStatusCode();

        var response = await account.Api.GetAsync($"/1.0/contacts/email/{Uri.EscapeDataString(marker)}");
        var body = await AssertError(response, (HttpStatusCode)status, "Injected fault");
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"", body, StringComparison.Ordinal);
        Assert.Equal("7", response.Headers.GetValues("Retry-After").Single());

        Assert.Equal(HttpStatusCode.NotFound, (await account.Api.GetAsync($"/1.0/contacts/email/{Uri.EscapeDataString(marker)}")).StatusCode);
    }

    [Fact]
    public async Task Unknown_resources_are_404_in_xml_after_authentication()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await AssertError(await account.Api.GetAsync("/1.0/mailings/3108"), HttpStatusCode.NotFound, "No resource");
        await AssertError(await factory.CreateClient().GetAsync("/1.0/mailings/3108"), HttpStatusCode.Unauthorized, "no API key");
    }

    [Fact]
    public async Task Requests_are_journaled_with_headers_and_body()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.CreateContactAsync("journal@example.com", "sync_mode=1&src=journal-test");
        var journal = await account.Control.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>("/_sandbox/maileon/requests");
        var entry = journal!.Last(e => e!["queryString"]!.GetValue<string>().Contains("journal-test", StringComparison.Ordinal))!;
        Assert.Equal("POST", entry["method"]!.GetValue<string>());
        Assert.Equal("<contact></contact>", entry["body"]!.GetValue<string>());
        Assert.Equal(201, entry["status"]!.GetValue<int>());
    }
}
