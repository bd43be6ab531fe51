using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using PipedriveMaileon.IntegrationTests.Infrastructure;

namespace PipedriveMaileon.IntegrationTests.Deals;

/// <summary>
/// Deal moves of one synced tenant's Pipedrive users (through the sandbox control API, so they come back as real
/// webhooks) and what both emulators recorded: the deliveries Pipedrive made, the events Maileon stored.
/// </summary>
public sealed class DealDriver(SyncedTenant tenant)
{
    public const string Added = "pipedrive_deal_added";
    public const string Updated = "pipedrive_deal_updated";
    public const string Deleted = "pipedrive_deal_deleted";
    public const string Awaiting = "Awaiting confirmation";

    public SyncedTenant Tenant { get; } = tenant;

    private SandboxProcess Sandbox => Tenant.Deployment.Sandbox;

    /// <summary>A person who is a Maileon contact: subscribed, the DOI mail sent (not confirmed).</summary>
    public async Task<long> ContactPersonAsync(string name, string email)
    {
        var person = await Tenant.CreatePersonAsync(name, email);
        await Tenant.SetNewsletterAsync(person, "Subscribe");
        await Tenant.NewsletterBecomesAsync(person, Awaiting, seconds: 60);
        return person;
    }

    public async Task<long> CreateUserAsync(string name, string email)
    {
        var user = await Sandbox.ControlPostAsync("pipedrive", $"companies/{Tenant.CompanyId}/users", new { name, email });
        return (long)user!["id"]!;
    }

    public async Task<long> CreateOrganizationAsync(string name)
    {
        var organization = await Sandbox.ControlPostAsync("pipedrive", $"companies/{Tenant.CompanyId}/organizations", new { name });
        return Id(organization!);
    }

    public async Task<long> CreateDealAsync(JsonObject deal, long? userId = null)
    {
        var created = await Sandbox.ControlPostAsync("pipedrive", $"companies/{Tenant.CompanyId}/deals?userId={userId ?? Tenant.Admin.UserId}", deal);
        return Id(created!);
    }

    public async Task UpdateDealAsync(long dealId, JsonObject changes, long? userId = null)
    {
        using var response = await Sandbox.Pipedrive.PatchAsJsonAsync($"/_sandbox/pipedrive/deals/{dealId}?userId={userId ?? Tenant.Admin.UserId}", changes);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task DeleteDealAsync(long dealId, long? userId = null)
    {
        using var response = await Sandbox.Pipedrive.DeleteAsync($"/_sandbox/pipedrive/deals/{dealId}?userId={userId ?? Tenant.Admin.UserId}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The company's live deals as Pipedrive shows them, with <c>smart_bcc_email</c>.</summary>
    public async Task<IReadOnlyList<JsonNode>> DealsAsync() =>
        [.. (await Sandbox.ControlGetAsync("pipedrive", $"companies/{Tenant.CompanyId}/deals"))!.AsArray().Select(d => d!)];

    /// <summary>The events Maileon stored for this tenant's account, oldest first.</summary>
    public async Task<IReadOnlyList<JsonNode>> TransactionsAsync(string? typeName = null) =>
        [.. (await Sandbox.ControlGetAsync("maileon", $"transactions?accountId={Tenant.MaileonAccountId}{(typeName is null ? "" : "&typeName=" + typeName)}"))!
            .AsArray().Select(t => t!)];

    /// <summary>Every deal webhook delivery attempt Pipedrive made to the app for this company.</summary>
    public async Task<IReadOnlyList<JsonNode>> DealDeliveriesAsync(long after = 0) =>
        [.. (await Sandbox.ControlGetAsync("pipedrive", $"deliveries?companyId={Tenant.CompanyId}&after={after}"))!.AsArray()
            .Select(d => d!).Where(d => ((string)d["event"]!).EndsWith(".deal", StringComparison.Ordinal))];

    /// <summary>The contact-event types of the tenant's Maileon account (name → attribute name → type), read over Maileon's REST API.</summary>
    public async Task<IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Attributes)>> TransactionTypesAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/1.0/transactions/types?page_index=1&page_size=100");
        request.Headers.Authorization = MaileonAuthorization();
        using var response = await Sandbox.Maileon.SendAsync(request);
        var xml = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, xml);
        return [.. XDocument.Parse(xml).Root!.Elements("transaction_type").Select(t => (
            (string)t.Element("name")!,
            (IReadOnlyDictionary<string, string>)t.Element("attributes")!.Elements("attribute").ToDictionary(a => (string)a.Element("name")!, a => (string)a.Element("type")!)))];
    }

    /// <summary>Creates a contact-event type in the tenant's Maileon account, as an admin (or another app) would.</summary>
    public async Task CreateTransactionTypeAsync(string name, params (string Name, string Type, bool Required)[] attributes)
    {
        var xml = new XElement("transaction_type",
            new XElement("name", name),
            new XElement("attributes", attributes.Select(a => new XElement("attribute",
                new XElement("name", a.Name), new XElement("type", a.Type), new XElement("required", a.Required ? "true" : "false")))));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/1.0/transactions/types")
        {
            Content = new StringContent(xml.ToString(SaveOptions.DisableFormatting), Encoding.UTF8, "application/vnd.maileon.api+xml"),
        };
        request.Headers.Authorization = MaileonAuthorization();
        using var response = await Sandbox.Maileon.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The requests Maileon received with this tenant's API key (method and path), after the given journal sequence.</summary>
    public async Task<IReadOnlyList<(long Sequence, string Method, string Path, int Status)>> MaileonRequestsAsync(long after = 0)
    {
        var all = (await Sandbox.ControlGetAsync("maileon", $"requests?after={after}"))!.AsArray();
        var mine = MaileonAuthorization().Parameter!;
        var mineWithColon = Convert.ToBase64String(Encoding.UTF8.GetBytes(Tenant.ApiKey + ":"));
        return [.. all.Select(r => r!)
            .Where(r => r["headers"]?["Authorization"]?.GetValue<string>() is { } auth && (auth.EndsWith(mine, StringComparison.Ordinal) || auth.EndsWith(mineWithColon, StringComparison.Ordinal)))
            .Select(r => ((long)r["sequence"]!, (string)r["method"]!, (string)r["path"]!, (int)r["status"]!))];
    }

    /// <summary>The tenant's settings page as text (the activity log is part of it).</summary>
    public async Task<string> ActivityTextAsync() => WebUtility.HtmlDecode(await Tenant.ActivityAsync());

    public Task ActivitySaysAsync(string text, int seconds = 30) =>
        Eventually.TrueAsync(
            async () => (await ActivityTextAsync()).Contains(text, StringComparison.Ordinal),
            TimeSpan.FromSeconds(seconds),
            () => $"the activity log never said \"{text}\"\n{Tenant.Diagnostics()}");

    /// <summary>Waits until Maileon holds at least <paramref name="count"/> events of the type (for this account).</summary>
    public Task TransactionsReachAsync(string typeName, int count, int seconds = 30, Func<JsonNode, bool>? where = null) =>
        Eventually.TrueAsync(
            async () => (await TransactionsAsync(typeName)).Count(t => where?.Invoke(t) ?? true) >= count,
            TimeSpan.FromSeconds(seconds),
            () => $"Maileon never held {count} {typeName} event(s)\n{Tenant.Diagnostics()}");

    /// <summary>Pipedrive's <c>meta.timestamp</c> of a delivered webhook, in Maileon's timestamp format (UTC).</summary>
    public static string MaileonTimestamp(JsonNode delivery)
    {
        var body = JsonNode.Parse((string)delivery["body"]!)!;
        var at = DateTimeOffset.Parse((string)body["meta"]!["timestamp"]!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }

    public static long DealIdOf(JsonNode transaction) => (long)transaction["content"]!["deal_id"]!;

    public static string? Text(JsonNode transaction, string attribute) => transaction["content"]![attribute]?.GetValue<string>();

    private AuthenticationHeaderValue MaileonAuthorization() => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Tenant.ApiKey)));

    private static long Id(JsonNode node) => (long)(node["id"] ?? node["data"]!["id"])!;
}
