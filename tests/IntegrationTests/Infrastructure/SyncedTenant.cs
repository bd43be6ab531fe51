using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PipedriveMaileon.IntegrationTests.Infrastructure;

/// <summary>
/// A sandbox company with the app installed and configured against its own sandbox Maileon account, plus the
/// moves of its Pipedrive users and Maileon recipients that tests script.
/// </summary>
public sealed class SyncedTenant : IDisposable
{
    private SyncedTenant(SandboxDeployment deployment, TenantAdmin admin, long maileonAccountId, string apiKey)
    {
        Deployment = deployment;
        Admin = admin;
        MaileonAccountId = maileonAccountId;
        ApiKey = apiKey;
    }

    public SandboxDeployment Deployment { get; }

    public TenantAdmin Admin { get; }

    public long CompanyId => Admin.CompanyId;

    public long MaileonAccountId { get; }

    public string ApiKey { get; }

    private SandboxProcess Sandbox => Deployment.Sandbox;

    public static async Task<SyncedTenant> CreateAsync(SandboxDeployment deployment, string name, bool dealEvents = false, bool doiPlus = false)
    {
        var account = await deployment.Sandbox.ControlPostAsync("maileon", "accounts", new { name = $"{name} newsletters", doiMailingKeys = new[] { "doi-default" } });
        var apiKey = (string)account!["keys"]![0]!["key"]!;
        var admin = await TenantAdmin.InstallNewCompanyAsync(deployment, name);
        var page = await admin.SaveSettingsAsync(apiKey, dealEvents, doiPlus ? "doiplus" : "doi");
        Assert.Contains("Settings saved.", page, StringComparison.Ordinal);
        return new SyncedTenant(deployment, admin, (long)account["id"]!, apiKey);
    }

    /// <summary>Another company installs the app and saves <paramref name="other"/>'s Maileon key: two tenants, one Maileon account.</summary>
    public static async Task<SyncedTenant> SharingAccountWithAsync(SyncedTenant other, string name)
    {
        ArgumentNullException.ThrowIfNull(other);
        var admin = await TenantAdmin.InstallNewCompanyAsync(other.Deployment, name);
        var page = await admin.SaveSettingsAsync(other.ApiKey, false, "doi");
        Assert.Contains("Settings saved.", page, StringComparison.Ordinal);
        return new SyncedTenant(other.Deployment, admin, other.MaileonAccountId, other.ApiKey);
    }

    /// <summary>Installs the app into a company that exists already and connects it to an existing Maileon account.</summary>
    public static async Task<SyncedTenant> InstallExistingAsync(
        SandboxDeployment deployment, long companyId, long adminUserId, long maileonAccountId, string apiKey, bool dealEvents = true)
    {
        var admin = await TenantAdmin.InstallExistingCompanyAsync(deployment, companyId, adminUserId);
        var page = await admin.SaveSettingsAsync(apiKey, dealEvents);
        Assert.Contains("Settings saved.", page, StringComparison.Ordinal);
        return new SyncedTenant(deployment, admin, maileonAccountId, apiKey);
    }

    public async Task<long> CreatePersonAsync(string name, string? email, long? userId = null)
    {
        var body = new JsonObject { ["name"] = name };
        if (email is not null)
        {
            body["emails"] = new JsonArray(new JsonObject { ["value"] = email, ["primary"] = true, ["label"] = "work" });
        }

        var person = await PostAsync($"companies/{CompanyId}/persons?userId={userId ?? Admin.UserId}", body);
        return (long)(person!["id"] ?? person["data"]!["id"])!;
    }

    public Task SetNewsletterAsync(long personId, string label, long? userId = null) =>
        PostAsync($"persons/{personId}/custom-field", new JsonObject { ["field"] = "Newsletter", ["option"] = label, ["userId"] = userId ?? Admin.UserId });

    public async Task UpdatePersonAsync(long personId, JsonObject changes, long? userId = null)
    {
        var response = await Sandbox.Pipedrive.PatchAsJsonAsync($"/_sandbox/pipedrive/persons/{personId}?userId={userId ?? Admin.UserId}", changes);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<string?> NewsletterAsync(long personId)
    {
        var persons = await Sandbox.ControlGetAsync("pipedrive", $"companies/{CompanyId}/persons");
        return persons!.AsArray().FirstOrDefault(p => (long)p!["id"]! == personId)?["newsletter"]?.GetValue<string>();
    }

    public async Task<IReadOnlyList<JsonNode>> MaileonContactsAsync(string? email = null, bool includeAnonymous = false) =>
        [.. (await Sandbox.ControlGetAsync("maileon", $"contacts?accountId={MaileonAccountId}&includeAnonymous={includeAnonymous.ToString().ToLowerInvariant()}{(email is null ? "" : "&email=" + Uri.EscapeDataString(email))}"))!
            .AsArray().Select(c => c!)];

    public async Task<IReadOnlyList<JsonNode>> DoiMailsAsync(string email) =>
        [.. (await Sandbox.ControlGetAsync("maileon", $"doi-mails?accountId={MaileonAccountId}&email={Uri.EscapeDataString(email)}"))!.AsArray().Select(m => m!)];

    public Task ConfirmDoiAsync(string email) => Sandbox.ControlPostAsync("maileon", "doi/confirm", new { accountId = MaileonAccountId, email });

    public Task UnsubscribeInMaileonAsync(string email) => Sandbox.ControlPostAsync("maileon", "unsubscribe", new { accountId = MaileonAccountId, email });

    /// <summary>Waits until the person's Newsletter field shows <paramref name="label"/>.</summary>
    public Task NewsletterBecomesAsync(long personId, string? label, int seconds = 30) =>
        Eventually.TrueAsync(
            async () => await NewsletterAsync(personId) == label,
            TimeSpan.FromSeconds(seconds),
            () => $"person {personId}: Newsletter never became '{label}' (is '{NewsletterAsync(personId).GetAwaiter().GetResult()}')\n{Diagnostics()}");

    /// <summary>The person's consent ledger as the tenant exports it (JSON).</summary>
    public async Task<JsonArray> LedgerAsync(long personId)
    {
        var json = await Admin.Http.GetStringAsync("/settings/ledger.json");
        var all = JsonNode.Parse(json)!;
        var rows = all is JsonArray array ? array : all["entries"]!.AsArray();
        return new JsonArray([.. rows.Where(r => (long?)r!["person_id"] == personId).Select(r => r!.DeepClone())]);
    }

    public async Task<string> ActivityAsync() => await Admin.SettingsPageAsync();

    /// <summary>Every webhook the sandbox Pipedrive has delivered (or given up on) is through, and Maileon's too.</summary>
    public async Task QuietAsync() =>
        await Eventually.TrueAsync(
            async () => (bool)(await Sandbox.ControlGetAsync("pipedrive", "idle"))!["idle"]! && (bool)(await Sandbox.ControlGetAsync("maileon", "idle"))!["idle"]!,
            TimeSpan.FromSeconds(60),
            () => "the sandbox still has webhook calls pending");

    /// <summary>The tenant's activity log and the tail of the app's output, for failure messages.</summary>
    public string Diagnostics()
    {
        string page;
        try
        {
            page = Admin.Http.GetStringAsync("/settings").GetAwaiter().GetResult();
        }
        catch (HttpRequestException ex)
        {
            // The settings page asks Pipedrive whether the user is an admin, which a rate-limited tenant cannot answer.
            page = $"(the settings page did not answer: {ex.Message})";
        }

        var activity = page.IndexOf("data-testid=\"activity\"", StringComparison.Ordinal) is var at and >= 0 ? page[at..Math.Min(page.Length, at + 4000)] : "(no activity table)";
        var deliveries = Sandbox.ControlGetAsync("pipedrive", $"deliveries?companyId={CompanyId}").GetAwaiter().GetResult()!.AsArray()
            .Select(d => d!.ToJsonString()).Select(d => d.Length > 400 ? d[..400] : d);
        var lines = Deployment.AllOutput.Split('\n').Where(l => !l.Contains("Polly", StringComparison.Ordinal));
        return $"activity: {System.Text.RegularExpressions.Regex.Replace(activity, "<[^>]+>", " ")}\n--- deliveries ---\n{string.Join('\n', deliveries)}\n--- app output (tail) ---\n{string.Join('\n', lines.TakeLast(80))}";
    }

    public void Dispose() => Admin.Dispose();

    private Task<JsonNode?> PostAsync(string path, JsonObject body) => Sandbox.ControlPostAsync("pipedrive", path, body);
}
