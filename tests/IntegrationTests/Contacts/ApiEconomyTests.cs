using System.Text.Json.Nodes;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PipedriveMaileon.IntegrationTests.Contacts;

/// <summary>
/// What one subscribe costs in Pipedrive API calls, counted by the emulator's per-company usage counters (a count,
/// not a time, so it holds on a loaded machine). The bench reports the same figure over many persons.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class ApiEconomyTests(DeploymentFixture fixture, ITestOutputHelper output)
{
    private const string FieldWrite = "PATCH /api/v2/persons/{id}";

    /// <summary>The owner's name for the contact, cached per silo: the other silo of the deployment may not have it yet.</summary>
    private const string OwnerLookup = "GET /api/v1/users/{id}";

    [Fact]
    public async Task OneSubscribeCostsOnePipedriveCallTheNewsletterFieldWriteWhoseEchoCostsNothing()
    {
        using var tenant = await SyncedTenant.CreateAsync(fixture.Deployment, "Economy GmbH");
        // The first subscribe of a tenant also looks up the owner's name; the second is the one measured.
        var first = await tenant.CreatePersonAsync("Otto Economy", "otto@economy.example");
        await tenant.SetNewsletterAsync(first, "Subscribe");
        await tenant.NewsletterBecomesAsync(first, "Awaiting confirmation");
        const string Email = "erna@economy.example";
        var person = await tenant.CreatePersonAsync("Erna Economy", Email);
        await SettledAsync(tenant);
        var before = await UsageAsync(tenant);

        await tenant.SetNewsletterAsync(person, "Subscribe");
        await tenant.NewsletterBecomesAsync(person, "Awaiting confirmation");
        Assert.Single(await tenant.DoiMailsAsync(Email));
        await SettledAsync(tenant); // the field write's echo comes back as a webhook and must cost nothing

        var after = await UsageAsync(tenant);
        var spent = after.Select(e => (Call: e.Key, Count: e.Value - before.GetValueOrDefault(e.Key))).Where(e => e.Count > 0).ToDictionary(e => e.Call, e => e.Count);
        output.WriteLine(string.Join(", ", spent.Select(e => $"{e.Key}: {e.Value}")));
        Assert.Equal(1, spent.GetValueOrDefault(FieldWrite));
        Assert.InRange(spent.GetValueOrDefault(OwnerLookup), 0, 1);
        Assert.Empty(spent.Keys.Except([FieldWrite, OwnerLookup]));
        Assert.Equal("Awaiting confirmation", await tenant.NewsletterAsync(person));
    }

    /// <summary>The sandbox delivered everything and the app's outboxes had time to act on it.</summary>
    private static async Task SettledAsync(SyncedTenant tenant)
    {
        await tenant.QuietAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await tenant.QuietAsync();
    }

    /// <summary>Calls per operation of the tenant's company so far.</summary>
    private static async Task<Dictionary<string, long>> UsageAsync(SyncedTenant tenant)
    {
        var counters = await tenant.Deployment.Sandbox.ControlGetAsync("pipedrive", "counters");
        return counters!["endpoints"]!.AsArray().OfType<JsonObject>()
            .Where(row => (long?)(row["companyId"] ?? row["company_id"]) == tenant.CompanyId)
            .GroupBy(row => (string?)row["endpoint"] ?? "?")
            .ToDictionary(g => g.Key, g => g.Sum(row => (long?)row["calls"] ?? 0));
    }
}
