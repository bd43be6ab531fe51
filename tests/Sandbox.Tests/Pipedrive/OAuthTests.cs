using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PipedriveMaileon.Sandbox.Tests.Pipedrive;

public sealed class OAuthTests(PipedriveSandboxFactory factory) : IClassFixture<PipedriveSandboxFactory>
{
    private readonly SandboxSession session = new(factory.CreateClient(new() { AllowAutoRedirect = false }));

    [Fact]
    public async Task Code_flow_issues_bearer_tokens_with_api_domain()
    {
        var tokens = await session.InstallAsync();
        Assert.Equal("Bearer", tokens["token_type"]!.GetValue<string>());
        Assert.Equal(3599, tokens["expires_in"]!.GetValue<int>());
        Assert.Equal(PipedriveSandboxFactory.BaseUrl, tokens["api_domain"]!.GetValue<string>());
        Assert.Contains("admin", tokens["scope"]!.GetValue<string>().Split(','));
        Assert.StartsWith("v1u:", tokens["access_token"]!.GetValue<string>());
        var (status, body, _) = await session.ApiAsync(tokens["access_token"]!.GetValue<string>(), HttpMethod.Get, "/api/v1/users/me");
        Assert.Equal(200, status);
        Assert.Equal(SandboxSession.DemoCompany, JsonNode.Parse(body)!["data"]!["company_id"]!.GetValue<long>());
    }

    [Fact]
    public async Task Consent_page_redirects_with_code_or_user_denied()
    {
        var page = await session.Http.GetStringAsync($"/oauth/authorize?client_id={PipedriveSandboxFactory.ClientId}&redirect_uri={Uri.EscapeDataString(PipedriveSandboxFactory.RedirectUri)}&state=a%3Cb");
        Assert.Contains("a&lt;b", page, StringComparison.Ordinal);
        Assert.Contains("Demo GmbH", page, StringComparison.Ordinal);

        var approve = await session.Http.PostAsync("/oauth/authorize", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = PipedriveSandboxFactory.ClientId, ["redirect_uri"] = PipedriveSandboxFactory.RedirectUri, ["state"] = "xyz",
            ["account"] = $"{SandboxSession.DemoCompany}:{SandboxSession.DemoAdmin}", ["decision"] = "approve",
        }));
        Assert.Equal(302, (int)approve.StatusCode);
        Assert.StartsWith(PipedriveSandboxFactory.RedirectUri + "?code=", approve.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.EndsWith("&state=xyz", approve.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var deny = await session.Http.PostAsync("/oauth/authorize", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = PipedriveSandboxFactory.ClientId, ["redirect_uri"] = PipedriveSandboxFactory.RedirectUri, ["state"] = "xyz", ["decision"] = "deny",
        }));
        Assert.Equal(PipedriveSandboxFactory.RedirectUri + "?error=user_denied&state=xyz", deny.Headers.Location!.OriginalString);

        var wrongRedirect = await session.Http.GetAsync($"/oauth/authorize?client_id={PipedriveSandboxFactory.ClientId}&redirect_uri=http%3A%2F%2Fevil.test%2Fcb");
        Assert.Equal(400, (int)wrongRedirect.StatusCode);
    }

    [Fact]
    public async Task Codes_are_single_use_and_expire()
    {
        var code = await session.ApproveAsync();
        var form = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = PipedriveSandboxFactory.RedirectUri };
        var granted = await session.TokenAsync(form);
        Assert.Equal(200, (int)granted.StatusCode);
        OpenApiSpec.AssertJsonContentType(granted);
        await AssertOAuthError(await session.TokenAsync(form), 400, "invalid_grant", "Invalid grant: authorization_code is invalid");

        // 100 s at time scale 0.01: 1 s of real time. Waiting longer than that can only leave the code more expired.
        await using var expiring = PipedriveSandboxFactory.WithSettings(new Dictionary<string, string?> { ["Sandbox:Pipedrive:AuthorizationCodeLifetimeSeconds"] = "100" });
        var hurried = new SandboxSession(expiring.CreateClient(new() { AllowAutoRedirect = false }));
        var late = await hurried.ApproveAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.3));
        await AssertOAuthError(await hurried.TokenAsync(new Dictionary<string, string>(form) { ["code"] = late }), 400, "invalid_grant", "Invalid grant: authorization_code has expired");
    }

    [Fact]
    public async Task Client_and_request_errors_use_oauth_error_json()
    {
        var code = await session.ApproveAsync();
        var form = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = PipedriveSandboxFactory.RedirectUri };
        await AssertOAuthError(await session.TokenAsync(form, SandboxSession.ClientAuth(secret: "wrong")), 401, "invalid_client", "Invalid client: client is invalid");
        await AssertOAuthError(await session.TokenAsync(new Dictionary<string, string>(form) { ["grant_type"] = "password" }), 400, "unsupported_grant_type", null);
        await AssertOAuthError(await session.TokenAsync(new Dictionary<string, string> { ["code"] = code }), 400, "invalid_request", "Missing parameter: grant_type");
        await AssertOAuthError(await session.TokenAsync(new Dictionary<string, string>(form) { ["redirect_uri"] = "http://other.test/cb" }), 400, "invalid_request", null);

        using var json = new HttpRequestMessage(HttpMethod.Post, "/oauth/token") { Content = JsonContent.Create(form) };
        json.Headers.Authorization = SandboxSession.ClientAuth();
        await AssertOAuthError(await session.Http.SendAsync(json), 400, "invalid_request", "Invalid request: content must be application/x-www-form-urlencoded");
    }

    [Fact]
    public async Task Refresh_reissues_the_refresh_token_and_expired_tokens_get_401()
    {
        var company = (await session.ControlAsync(HttpMethod.Post, "/companies", new { name = "Refresh AG" }))["id"]!.GetValue<long>();
        var tokens = await session.InstallAsync(company);
        var refresh = tokens["refresh_token"]!.GetValue<string>();
        var access = tokens["access_token"]!.GetValue<string>();

        await session.ControlAsync(HttpMethod.Post, $"/companies/{company}/expire-tokens");
        var (status, body, _) = await session.ApiAsync(access, HttpMethod.Get, "/api/v2/persons");
        Assert.Equal(401, status);
        Assert.Equal("""{"success":false,"error":"unauthorized access","errorCode":401}""", body);
        OpenApiSpec.V1.AssertValid("GET", "/users/me", 401, (await session.ApiAsync(access, HttpMethod.Get, "/api/v1/users/me")).Body);

        var refreshed = await session.TokenAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh });
        var renewed = (await refreshed.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(refresh, renewed["refresh_token"]!.GetValue<string>());
        Assert.NotEqual(access, renewed["access_token"]!.GetValue<string>());
        Assert.Equal(200, (await session.ApiAsync(renewed["access_token"]!.GetValue<string>(), HttpMethod.Get, "/v1/users/me")).Status);

        await AssertOAuthError(await session.TokenAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = "nope" }),
            400, "invalid_grant", "Invalid grant: refresh_token is invalid");

        // Revoking the refresh token uninstalls: every token dies.
        using var revoke = new HttpRequestMessage(HttpMethod.Post, "/oauth/revoke")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = refresh, ["token_type_hint"] = "refresh_token" }),
        };
        revoke.Headers.Authorization = SandboxSession.ClientAuth();
        Assert.Equal(200, (int)(await session.Http.SendAsync(revoke)).StatusCode);
        Assert.Equal(401, (await session.ApiAsync(renewed["access_token"]!.GetValue<string>(), HttpMethod.Get, "/api/v1/users/me")).Status);
        await AssertOAuthError(await session.TokenAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh }),
            400, "invalid_grant", null);
    }

    private static async Task AssertOAuthError(HttpResponseMessage response, int status, string error, string? description)
    {
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(status, (int)response.StatusCode);
        OpenApiSpec.AssertJsonContentType(response);
        Assert.False(body["success"]!.GetValue<bool>());
        Assert.Equal(error, body["error"]!.GetValue<string>());
        if (description is not null)
        {
            Assert.Equal(description, body["error_description"]!.GetValue<string>());
        }
    }
}
