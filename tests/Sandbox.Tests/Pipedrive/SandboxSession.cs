using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace PipedriveMaileon.Sandbox.Tests.Pipedrive;

/// <summary>Helpers over one sandbox host: install the app for a company (OAuth code flow) and call API and control routes.</summary>
public sealed class SandboxSession(HttpClient http)
{
    public const long DemoCompany = 1_000_001;
    public const long DemoAdmin = 2_000_001;

    public HttpClient Http { get; } = http;

    public static AuthenticationHeaderValue ClientAuth(string id = PipedriveSandboxFactory.ClientId, string secret = PipedriveSandboxFactory.ClientSecret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")));

    public async Task<string> ApproveAsync(long companyId = DemoCompany, long? userId = null, string state = "st")
    {
        var response = await Http.PostAsJsonAsync("/_sandbox/pipedrive/oauth/approve", new { companyId, userId, state });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>();
    }

    public async Task<HttpResponseMessage> TokenAsync(IDictionary<string, string> form, AuthenticationHeaderValue? auth = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = auth ?? ClientAuth();
        return await Http.SendAsync(request);
    }

    /// <summary>Approves and exchanges the code; returns the token response.</summary>
    public async Task<JsonObject> InstallAsync(long companyId = DemoCompany, long? userId = null)
    {
        var code = await ApproveAsync(companyId, userId);
        var response = await TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = PipedriveSandboxFactory.RedirectUri,
        });
        Assert.Equal(200, (int)response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<string> AccessTokenAsync(long companyId = DemoCompany) => (await InstallAsync(companyId))["access_token"]!.GetValue<string>();

    public async Task<(int Status, string Body, HttpResponseMessage Response)> ApiAsync(string token, HttpMethod method, string path, object? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
        {
            request.Content = json is JsonNode node
                ? new StringContent(node.ToJsonString(), Encoding.UTF8, "application/json")
                : JsonContent.Create(json);
        }

        var response = await Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public async Task<JsonNode> ControlAsync(HttpMethod method, string path, object? json = null)
    {
        using var request = new HttpRequestMessage(method, "/_sandbox/pipedrive" + path);
        if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }

        var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {body}");
        return string.IsNullOrEmpty(body) ? new JsonObject() : JsonNode.Parse(body)!;
    }

    /// <summary>Creates a webhook through the API and returns its id.</summary>
    public async Task<long> CreateWebhookAsync(string token, string url, string action = "*", string entity = "*", string? user = "hook", string? password = "s3cret", string version = "2.0")
    {
        var (status, body, _) = await ApiAsync(token, HttpMethod.Post, "/api/v1/webhooks", new
        {
            subscription_url = url,
            event_action = action,
            event_object = entity,
            name = "test hook",
            http_auth_user = user,
            http_auth_password = password,
            version,
        });
        Assert.True(status == 201, body);
        return JsonNode.Parse(body)!["data"]!["id"]!.GetValue<long>();
    }

    public async Task WaitIdleAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if ((await ControlAsync(HttpMethod.Get, "/idle"))["idle"]!.GetValue<bool>())
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail("webhook delivery did not become idle");
    }
}
