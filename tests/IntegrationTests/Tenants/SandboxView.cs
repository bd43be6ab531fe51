using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using PipedriveMaileon.IntegrationTests.Infrastructure;

namespace PipedriveMaileon.IntegrationTests.Tenants;

/// <summary>
/// What both emulators hold for one tenant (fields, webhooks, custom fields) and what they were sent (the request
/// journals), read through the sandbox's control API — or, for Maileon's custom fields, as the account's owner.
/// </summary>
public sealed class SandboxView(SandboxDeployment deployment)
{
    private SandboxProcess Sandbox => deployment.Sandbox;

    public async Task<IReadOnlyList<JsonNode>> PersonFieldsAsync(long companyId, string name) =>
        [.. (await Sandbox.ControlGetAsync("pipedrive", $"companies/{companyId}/fields"))!.AsArray()
            .Where(f => string.Equals((string?)f!["name"], name, StringComparison.Ordinal)).Select(f => f!)];

    public async Task<IReadOnlyList<JsonNode>> PipedriveWebhooksAsync(long companyId) =>
        [.. (await Sandbox.ControlGetAsync("pipedrive", $"webhooks?companyId={companyId}"))!.AsArray().Select(w => w!)];

    /// <summary>"person.create", "deal.delete", … one string per registered webhook.</summary>
    public async Task<IReadOnlyList<string>> PipedriveWebhookEventsAsync(long companyId) =>
        [.. (await PipedriveWebhooksAsync(companyId)).Select(w => $"{w["event_object"]}.{w["event_action"]}").Order(StringComparer.Ordinal)];

    public async Task<IReadOnlyList<JsonNode>> MaileonWebhooksAsync(long accountId) =>
        [.. (await Sandbox.ControlGetAsync("maileon", $"webhooks?accountId={accountId}"))!.AsArray().Select(w => w!)];

    public async Task<IReadOnlyList<string>> MaileonWebhookEventsAsync(long accountId) =>
        [.. (await MaileonWebhooksAsync(accountId)).Select(w => (string)w["event"]!).Order(StringComparer.Ordinal)];

    /// <summary>The account's custom contact fields, read with its API key as the Maileon admin would see them.</summary>
    public async Task<IReadOnlyList<string>> MaileonCustomFieldsAsync(string apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/1.0/contacts/fields/custom");
        request.Headers.Authorization = MaileonAuthorization(apiKey);
        using var response = await Sandbox.Maileon.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. xml.Descendants("custom_field").Select(f => (string)f.Element("name")!).Order(StringComparer.Ordinal)];
    }

    /// <summary>Deletes a Maileon webhook as the account's admin does in Maileon → Settings → Webhooks.</summary>
    public async Task DeleteMaileonWebhookAsync(string apiKey, long webhookId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/1.0/webhooks/{webhookId}");
        request.Headers.Authorization = MaileonAuthorization(apiKey);
        using var response = await Sandbox.Maileon.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"deleting Maileon webhook {webhookId} answered {(int)response.StatusCode}");
    }

    public async Task DeletePipedriveWebhookAsync(long webhookId)
    {
        using var response = await Sandbox.Pipedrive.DeleteAsync($"/_sandbox/pipedrive/webhooks/{webhookId}");
        Assert.True(response.IsSuccessStatusCode, $"deleting Pipedrive webhook {webhookId} answered {(int)response.StatusCode}");
    }

    public async Task DeletePersonFieldAsync(long companyId, string field)
    {
        using var response = await Sandbox.Pipedrive.DeleteAsync($"/_sandbox/pipedrive/companies/{companyId}/fields/{Uri.EscapeDataString(field)}");
        Assert.True(response.IsSuccessStatusCode, $"deleting field {field} answered {(int)response.StatusCode}");
    }

    /// <summary>The journal's current end, to read only what comes after it.</summary>
    public async Task<long> JournalMarkAsync(string emulator) =>
        (await RequestsAsync(emulator, 0)).Select(r => (long)r["sequence"]!).DefaultIfEmpty(0).Max();

    public async Task<IReadOnlyList<JsonNode>> RequestsAsync(string emulator, long after) =>
        [.. (await Sandbox.ControlGetAsync(emulator, $"requests?after={after}"))!.AsArray().Select(r => r!)];

    /// <summary>Maileon API requests made with <paramref name="apiKey"/> after <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<JsonNode>> MaileonRequestsWithKeyAsync(string apiKey, long after)
    {
        var header = MaileonAuthorization(apiKey).ToString();
        return [.. (await RequestsAsync("maileon", after)).Where(r => r["headers"]?["Authorization"]?.GetValue<string>() == header)];
    }

    /// <summary>Pipedrive token requests with the given grant type after <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<JsonNode>> TokenRequestsAsync(string grantType, long after) =>
        [.. (await RequestsAsync("pipedrive", after)).Where(r =>
            (string?)r["method"] == "POST" && (string?)r["path"] == "/oauth/token"
            && System.Web.HttpUtility.ParseQueryString((string?)r["body"] ?? string.Empty)["grant_type"] == grantType)];

    public static AuthenticationHeaderValue MaileonAuthorization(string apiKey) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(apiKey)));
}
