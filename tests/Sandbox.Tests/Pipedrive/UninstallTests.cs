using System.Text;
using System.Text.Json.Nodes;
using PipedriveMaileon.Sandbox.Tests.Maileon;

namespace PipedriveMaileon.Sandbox.Tests.Pipedrive;

public sealed class UninstallTests
{
    [Fact]
    public async Task Uninstall_calls_the_app_with_basic_auth_and_kills_tokens_and_webhooks()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var callback = receiver.BaseUrl + "/pipedrive/callback";
        await using var factory = PipedriveSandboxFactory.WithSettings(new Dictionary<string, string?> { ["Sandbox:Pipedrive:RedirectUri"] = callback });
        var session = new SandboxSession(factory.CreateClient());
        var approve = await session.ControlAsync(HttpMethod.Post, "/oauth/approve", new { companyId = SandboxSession.DemoCompany, state = "s", redirectUri = callback });
        var token = await session.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = approve["code"]!.GetValue<string>(), ["redirect_uri"] = callback,
        });
        var access = JsonNode.Parse(await token.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        await session.CreateWebhookAsync(access, receiver.BaseUrl + "/hooks");

        var result = await session.ControlAsync(HttpMethod.Post, $"/companies/{SandboxSession.DemoCompany}/uninstall", new { });
        Assert.Equal("200", result["callbackStatus"]!.GetValue<string>());
        var call = Assert.Single(receiver.Received);
        Assert.Equal("DELETE", call.Method);
        Assert.Equal("/pipedrive/callback", call.Path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{PipedriveSandboxFactory.ClientId}:{PipedriveSandboxFactory.ClientSecret}")), call.Headers["Authorization"]);
        var body = JsonNode.Parse(call.Body)!;
        Assert.Equal(PipedriveSandboxFactory.ClientId, body["client_id"]!.GetValue<string>());
        Assert.Equal(SandboxSession.DemoCompany, body["company_id"]!.GetValue<long>());
        Assert.Equal(SandboxSession.DemoAdmin, body["user_id"]!.GetValue<long>());
        Assert.True(DateTimeOffset.TryParse(body["timestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out _));

        Assert.Equal(401, (await session.ApiAsync(access, HttpMethod.Get, "/api/v1/users/me")).Status);
        Assert.Empty((await session.ControlAsync(HttpMethod.Get, $"/webhooks?companyId={SandboxSession.DemoCompany}")).AsArray());
        var company = await session.ControlAsync(HttpMethod.Get, $"/companies/{SandboxSession.DemoCompany}");
        Assert.False(company["installed"]!.GetValue<bool>());
        Assert.Equal("200", company["lastUninstallCallback"]!.GetValue<string>());
    }
}
