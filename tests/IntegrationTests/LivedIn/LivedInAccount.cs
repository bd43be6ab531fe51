using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PipedriveMaileon.IntegrationTests.Infrastructure;

namespace PipedriveMaileon.IntegrationTests.LivedIn;

/// <summary>
/// The sandbox's lived-in fixture (<c>POST /_sandbox/livedin</c>) as the tests read it: both companies, the shared
/// Maileon account and every person's case from the manifest.
/// </summary>
public sealed class LivedInAccount(SandboxDeployment deployment, JsonNode manifest)
{
    public JsonNode Manifest { get; } = manifest;

    public long MaileonAccountId => (long)Manifest["maileonAccountId"]!;

    public string ApiKey => (string)Manifest["maileonApiKey"]!;

    /// <summary>The first company (English incumbent field) or the second (German field).</summary>
    public JsonNode Company(int index) => Manifest["companies"]![index]!;

    public static async Task<LivedInAccount> SeedAsync(SandboxDeployment deployment, int seed, int persons = 5_000)
    {
        using var response = await deployment.Sandbox.Pipedrive.PostAsJsonAsync("/_sandbox/livedin", new { seed, persons });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"seeding answered {(int)response.StatusCode}: {body}");
        return new LivedInAccount(deployment, JsonNode.Parse(body)!);
    }

    /// <summary>Installs the app into one of the companies, connected to the shared Maileon account.</summary>
    public Task<SyncedTenant> InstallAsync(int company, bool dealEvents = true) =>
        SyncedTenant.InstallExistingAsync(deployment, (long)Company(company)["companyId"]!, (long)Company(company)["adminUserId"]!, MaileonAccountId, ApiKey, dealEvents);

    /// <summary>Persons of a company matching a case (kebab-case values as in the manifest).</summary>
    public IEnumerable<JsonNode> Persons(int company, string shape, string mark, string maileon) =>
        Manifest["persons"]!.AsArray().Select(p => p!).Where(p =>
            (long)p["companyId"]! == (long)Company(company)["companyId"]!
            && (string)p["shape"]! == shape && (string)p["mark"]! == mark && (string)p["maileon"]! == maileon);

    /// <summary>The company's existing Newsletter field as the sandbox's Pipedrive holds it now.</summary>
    public async Task<JsonNode> FieldAsync(int company)
    {
        var fields = (await deployment.Sandbox.ControlGetAsync("pipedrive", $"companies/{(long)Company(company)["companyId"]!}/fields"))!.AsArray();
        return fields.Single(f => (long)f!["id"]! == (long)Company(company)["newsletterFieldId"]!)!;
    }
}
