using System.Text.Json.Nodes;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PipedriveMaileon.IntegrationTests.Reliability;

/// <summary>
/// The fault campaign: bursts of subscribe requests from Pipedrive users while Maileon misbehaves, processes die
/// and PostgreSQL restarts, with webhooks delivered twice and shuffled. Each scenario prints events sent,
/// acknowledged, effects expected and seen in the emulators, duplicates and losses, and asserts none are lost
/// or duplicated and every person ends where the model says ("Awaiting confirmation", one DOI mail).
/// The sandbox runs at a tenth of Pipedrive's delays, so its webhook retries (0.3 s, 3 s, 15 s) outlast restarts.
/// </summary>
[Collection(FaultCampaignCollection.Name)]
public sealed class FaultCampaignTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Persons = 24;
    private SandboxDeployment deployment = null!;

    public async Task InitializeAsync() =>
        deployment = await SandboxDeployment.StartAsync(
            "faults", silos: 2, sandboxTimeScale: 0.1, configuration: new Dictionary<string, string> { ["Reconciliation__IntervalMinutes"] = "1" });

    public async Task DisposeAsync() => await deployment.DisposeAsync();

    [Fact]
    public async Task NothingIsLostOrDuplicatedUnderMaileonProcessDatabaseAndDeliveryFaults()
    {
        var results = new List<ScenarioCount>
        {
            await RunAsync("Maileon 500/503 during subscribes", async _ =>
            {
                await FaultAsync(new { method = "POST", pathPattern = "^/1\\.0/contacts/email/", status = 500, times = 15 });
                await FaultAsync(new { method = "POST", pathPattern = "^/1\\.0/contacts/email/", status = 503, times = 10 });
            }),
            await RunAsync("Maileon 429 bursts with Retry-After", async _ =>
                await FaultAsync(new { method = "POST", pathPattern = "^/1\\.0/contacts/email/", status = 429, retryAfterSeconds = 2, times = 20 })),
            await RunAsync("Maileon 10 s latency and connection resets", async _ =>
            {
                await FaultAsync(new { method = "POST", pathPattern = "^/1\\.0/contacts/email/", latencyMs = 10_000, times = 3 });
                await FaultAsync(new { method = "GET", pathPattern = "^/1\\.0/contacts/email/", dropConnection = true, times = 6 });
            }),
            await RunAsync("Pipedrive 429 with Retry-After on API calls", async tenant =>
                await deployment.Sandbox.ControlPostAsync("pipedrive", "rate-limit", new { companyId = tenant.CompanyId, calls = 10, retryAfterSeconds = 2 })),
            await RunAsync("Pipedrive token expired mid-burst", async tenant =>
                await deployment.Sandbox.ControlPostAsync("pipedrive", $"companies/{tenant.CompanyId}/expire-tokens", new { })),
            await RunAsync("silo killed (SIGKILL) mid-burst and replaced", async _ => await deployment.KillAndReplaceSiloAsync(0), midBurst: true),
            await RunAsync("web front end killed mid-burst and restarted", async _ => await deployment.RestartWebAsync(), midBurst: true),
            await RunAsync("PostgreSQL restarted mid-burst (3 s down)", async _ => await TestPostgres.RestartServerAsync(TimeSpan.FromSeconds(3)), midBurst: true),
            await RunAsync("every webhook twice, shuffled, 2 s late", async _ =>
                await deployment.Sandbox.Pipedrive.PutAsync("/_sandbox/pipedrive/delivery",
                    System.Net.Http.Json.JsonContent.Create(new { duplicate = true, shuffle = true, shuffleWindowMs = 500, delayMs = 2000 }))),
        };

        output.WriteLine("Fault campaign");
        foreach (var line in results)
        {
            output.WriteLine(line.ToString());
        }

        Assert.All(results, r =>
        {
            Assert.Equal(0, r.Lost);
            Assert.Equal(0, r.Duplicates);
            Assert.Equal(0, r.WrongFinalStates);
            Assert.Equal(r.EffectsExpected, r.EffectsSeen);
        });
    }

    /// <summary>One scenario with its own tenant: <see cref="Persons"/> persons asked to subscribe while the fault acts.</summary>
    private async Task<ScenarioCount> RunAsync(string name, Func<SyncedTenant, Task> fault, bool midBurst = false)
    {
        using var tenant = await SyncedTenant.CreateAsync(deployment, $"Campaign {Guid.NewGuid():N}"[..20]);
        var persons = new List<(long Id, string Email)>();
        for (var i = 0; i < Persons; i++)
        {
            var email = $"p{i}.{tenant.CompanyId}@campaign.example";
            persons.Add((await tenant.CreatePersonAsync($"Person {i}", email), email));
        }

        var startSequence = await LastDeliverySequenceAsync();
        if (!midBurst)
        {
            await fault(tenant);
        }

        try
        {
            for (var i = 0; i < persons.Count; i++)
            {
                if (midBurst && i == persons.Count / 2)
                {
                    await fault(tenant);
                }

                await tenant.SetNewsletterAsync(persons[i].Id, "Subscribe");
            }

            try
            {
                foreach (var (id, _) in persons)
                {
                    await tenant.NewsletterBecomesAsync(id, "Awaiting confirmation", seconds: 180);
                }

                await tenant.QuietAsync();
            }
            catch (TimeoutException ex)
            {
                // Counted below as lost or wrong; the other scenarios still run so the report is complete.
                output.WriteLine($"{name}: {ex.Message[..Math.Min(ex.Message.Length, 3000)]}");
            }
        }
        finally
        {
            await ClearFaultsAsync();
        }

        var deliveries = (await deployment.Sandbox.ControlGetAsync("pipedrive", $"deliveries?companyId={tenant.CompanyId}&after={startSequence}"))!.AsArray();
        var subscribeEvents = deliveries.Where(d => (string?)d!["event"] == "change.person").Select(d => (string)d!["eventId"]!).ToHashSet();
        var acknowledged = deliveries.Where(d => (int?)d!["status"] is >= 200 and < 300).Select(d => (string)d!["eventId"]!).ToHashSet();
        int seen = 0, duplicates = 0, lost = 0, wrong = 0;
        foreach (var (id, email) in persons)
        {
            var mails = (await tenant.DoiMailsAsync(email)).Count;
            var contacts = (await tenant.MaileonContactsAsync(email)).Count;
            seen += Math.Min(mails, 1);
            duplicates += Math.Max(0, mails - 1) + Math.Max(0, contacts - 1);
            lost += mails == 0 ? 1 : 0;
            wrong += await tenant.NewsletterAsync(id) == "Awaiting confirmation" ? 0 : 1;
        }

        return new ScenarioCount(name, subscribeEvents.Count, acknowledged.Count(subscribeEvents.Contains), persons.Count, seen, duplicates, lost, wrong);
    }

    private async Task<long> LastDeliverySequenceAsync()
    {
        var all = (await deployment.Sandbox.ControlGetAsync("pipedrive", "deliveries"))!.AsArray();
        return all.Count == 0 ? 0 : all.Max(d => (long)d!["sequence"]!);
    }

    private Task FaultAsync(object rule) => deployment.Sandbox.ControlPostAsync("maileon", "faults", rule);

    private async Task ClearFaultsAsync()
    {
        await deployment.Sandbox.Maileon.DeleteAsync("/_sandbox/maileon/faults");
        await deployment.Sandbox.Pipedrive.DeleteAsync("/_sandbox/pipedrive/rate-limit");
        await deployment.Sandbox.Pipedrive.PutAsync("/_sandbox/pipedrive/delivery",
            System.Net.Http.Json.JsonContent.Create(new { duplicate = false, shuffle = false, delayMs = 0 }));
    }
}
