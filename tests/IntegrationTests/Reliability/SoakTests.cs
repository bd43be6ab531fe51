using System.Text.Json.Nodes;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PipedriveMaileon.IntegrationTests.Reliability;

/// <summary>
/// A soak on real PostgreSQL with two silos: 1,000 persons of one tenant go through subscribe, DOI confirmations,
/// unsubscribes on both sides and edits, while Maileon fails part of the calls and one silo is killed. Every
/// person must end where a simple model says, with one Maileon contact and one DOI mail at most, and every
/// transition in the consent ledger.
/// </summary>
[Collection(FaultCampaignCollection.Name)]
public sealed class SoakTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int PersonCount = 1000;
    private const int Parallelism = 8;
    private SandboxDeployment deployment = null!;

    public async Task InitializeAsync() =>
        deployment = await SandboxDeployment.StartAsync(
            "soak", silos: 2, sandboxTimeScale: 0.1, configuration: new Dictionary<string, string> { ["Reconciliation__IntervalMinutes"] = "1" });

    public async Task DisposeAsync() => await deployment.DisposeAsync();

    [Fact]
    public async Task AThousandPersonsWithFaultsAndASiloKilledEndInTheModelsStates()
    {
        var random = new Random(20261127);
        using var tenant = await SyncedTenant.CreateAsync(deployment, "Soak GmbH");
        var persons = new (long Id, string Email)[PersonCount];
        await ForEachAsync(Enumerable.Range(0, PersonCount), async i =>
            persons[i] = (await tenant.CreatePersonAsync($"Soak Person {i}", $"soak{i}@soak.example"), $"soak{i}@soak.example"));

        // Model: what each person's Newsletter field must show at the end.
        var expected = new Dictionary<long, string>();
        var started = DateTime.UtcNow;

        // Phase 1: everybody asks to subscribe; Maileon fails 120 contact calls; a silo dies half-way.
        await deployment.Sandbox.ControlPostAsync("maileon", "faults", new { method = "POST", pathPattern = "^/1\\.0/contacts/email/", status = 500, times = 80 });
        await deployment.Sandbox.ControlPostAsync("maileon", "faults", new { method = "POST", pathPattern = "^/1\\.0/contacts/email/", status = 429, retryAfterSeconds = 1, times = 40 });
        var killed = false;
        var done = 0;
        await ForEachAsync(persons, async p =>
        {
            await tenant.SetNewsletterAsync(p.Id, "Subscribe");
            if (Interlocked.Increment(ref done) == PersonCount / 2 && !killed)
            {
                killed = true;
                await deployment.KillAndReplaceSiloAsync(0);
            }
        });
        foreach (var p in persons)
        {
            expected[p.Id] = "Awaiting confirmation";
        }

        await AllReachAsync(tenant, expected, TimeSpan.FromMinutes(4));
        await deployment.Sandbox.Maileon.DeleteAsync("/_sandbox/maileon/faults");
        var phase1 = DateTime.UtcNow - started;

        // Phase 2: a mix — recipients confirm, users unsubscribe in Pipedrive, users edit names.
        var shuffled = persons.OrderBy(_ => random.Next()).ToArray();
        var confirmers = shuffled[..400];
        var pipedriveUnsubscribers = shuffled[400..600];
        var editors = shuffled[600..700];
        await ForEachAsync(confirmers, async p => await tenant.ConfirmDoiAsync(p.Email));
        await ForEachAsync(pipedriveUnsubscribers, async p => await tenant.SetNewsletterAsync(p.Id, "Unsubscribed"));
        await ForEachAsync(editors, async p => await tenant.UpdatePersonAsync(p.Id, new JsonObject { ["name"] = $"Edited {p.Id}" }));
        foreach (var p in confirmers)
        {
            expected[p.Id] = "Subscribed";
        }

        foreach (var p in pipedriveUnsubscribers)
        {
            expected[p.Id] = "Unsubscribed";
        }

        await AllReachAsync(tenant, expected, TimeSpan.FromMinutes(3));

        // Phase 3: half of the subscribed recipients unsubscribe in Maileon; edits afterwards change nothing.
        var maileonUnsubscribers = confirmers[..200];
        await ForEachAsync(maileonUnsubscribers, async p => await tenant.UnsubscribeInMaileonAsync(p.Email));
        foreach (var p in maileonUnsubscribers)
        {
            expected[p.Id] = "Unsubscribed";
        }

        await AllReachAsync(tenant, expected, TimeSpan.FromMinutes(3));
        await ForEachAsync(maileonUnsubscribers[..50], async p => await tenant.UpdatePersonAsync(p.Id, new JsonObject { ["name"] = $"Edited again {p.Id}" }));
        await tenant.QuietAsync();
        await Task.Delay(2000);

        // Counts from both emulators and the ledger.
        var finals = await FieldsAsync(tenant);
        var wrong = expected.Count(e => finals.GetValueOrDefault(e.Key) != e.Value);
        var doiMails = (await deployment.Sandbox.ControlGetAsync("maileon", $"doi-mails?accountId={tenant.MaileonAccountId}"))!.AsArray()
            .GroupBy(m => ((string)m!["email"]!).ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Count());
        var contacts = (await deployment.Sandbox.ControlGetAsync("maileon", $"contacts?accountId={tenant.MaileonAccountId}&includeAnonymous=true"))!.AsArray()
            .GroupBy(c => (string?)c!["externalId"] ?? "").ToDictionary(g => g.Key, g => g.Count());
        // A change Pipedrive dropped (it bans a webhook after 10 failed first deliveries, e.g. while a silo is down)
        // reaches the ledger through reconciliation (every minute here): wait for it, and say how long it took.
        var expectedLedger = persons.ToDictionary(p => p.Id, p => ExpectedTransitions(expected[p.Id], confirmers.Contains(p)));
        var ledger = new Dictionary<long, List<string>>();
        var ledgerMismatches = 0;
        var healStarted = DateTime.UtcNow;
        try
        {
            await Eventually.TrueAsync(
                async () =>
                {
                    ledger = JsonNode.Parse(await tenant.Admin.Http.GetStringAsync("/settings/ledger.json"))!["entries"]!.AsArray()
                        .Where(e => (string?)e!["from_status"] != (string?)e!["to_status"])
                        .GroupBy(e => (long)e!["person_id"]!)
                        .ToDictionary(g => g.Key, g => g.Select(e => $"{e!["from_status"]}->{e["to_status"]}").ToList());
                    ledgerMismatches = persons.Count(p => !ledger.GetValueOrDefault(p.Id, []).SequenceEqual(expectedLedger[p.Id]));
                    return ledgerMismatches == 0;
                },
                TimeSpan.FromSeconds(150),
                () => "the ledger did not match the model");
        }
        catch (TimeoutException)
        {
            // Reported with the counts below.
        }

        var ledgerWait = DateTime.UtcNow - healStarted;
        var duplicateMails = doiMails.Values.Sum(n => Math.Max(0, n - 1));
        var missingMails = persons.Count(p => !doiMails.ContainsKey(p.Email));
        var duplicateContacts = contacts.Where(c => c.Key.Length > 0).Sum(c => Math.Max(0, c.Value - 1));
        var events = PersonCount /* subscribe */ + confirmers.Length + pipedriveUnsubscribers.Length + editors.Length + maileonUnsubscribers.Length + 50;
        output.WriteLine(
            $"soak: {PersonCount} persons, {events} user/recipient events, 1 silo killed, 120 Maileon faults; phase 1 in {phase1.TotalSeconds:F0} s, " +
            $"total {(DateTime.UtcNow - started).TotalSeconds:F0} s; final states wrong {wrong}; DOI mails {doiMails.Values.Sum()} (duplicates {duplicateMails}, missing {missingMails}); " +
            $"contacts created twice {duplicateContacts}; ledger entries {ledger.Values.Sum(l => l.Count)}, persons whose ledger differs from the model {ledgerMismatches} " +
            $"(waited {ledgerWait.TotalSeconds:F0} s for the ledger)");
        var deliveries = (await deployment.Sandbox.ControlGetAsync("pipedrive", $"deliveries?companyId={tenant.CompanyId}"))!.AsArray();
        foreach (var p in persons.Where(p => !ledger.GetValueOrDefault(p.Id, []).SequenceEqual(expectedLedger[p.Id])).Take(5))
        {
            output.WriteLine($"person {p.Id}: ledger {string.Join(", ", ledger.GetValueOrDefault(p.Id, []))}; expected {string.Join(", ", expectedLedger[p.Id])}");
            foreach (var d in deliveries.Where(d => (long)d!["entityId"]! == p.Id))
            {
                output.WriteLine($"  delivery {d!["event"]} attempt {d["attempt"]} at {d["sentAt"]}: {d["status"]} {d["error"]}{((bool)d["dropped"]! ? " dropped" : "")}");
            }
        }

        Assert.Equal(0, wrong);
        Assert.Equal(0, duplicateMails);
        Assert.Equal(0, missingMails);
        Assert.Equal(0, duplicateContacts);
        Assert.Equal(0, ledgerMismatches);
    }

    private static List<string> ExpectedTransitions(string final, bool confirmed) => (final, confirmed) switch
    {
        ("Awaiting confirmation", _) => ["None->Pending"],
        ("Subscribed", _) => ["None->Pending", "Pending->Subscribed"],
        ("Unsubscribed", true) => ["None->Pending", "Pending->Subscribed", "Subscribed->Unsubscribed"],
        _ => ["None->Pending", "Pending->Unsubscribed"],
    };

    private async Task AllReachAsync(SyncedTenant tenant, Dictionary<long, string> expected, TimeSpan timeout)
    {
        var wrong = new List<string>();
        await Eventually.TrueAsync(
            async () =>
            {
                var fields = await FieldsAsync(tenant);
                wrong = expected.Where(e => fields.GetValueOrDefault(e.Key) != e.Value)
                    .Select(e => $"{e.Key}: {fields.GetValueOrDefault(e.Key) ?? "(empty)"} instead of {e.Value}").ToList();
                return wrong.Count == 0;
            },
            timeout,
            () => $"{wrong.Count} persons did not reach their expected Newsletter value, e.g. {string.Join("; ", wrong.Take(10))}\n{tenant.Diagnostics()}");
    }

    private async Task<Dictionary<long, string?>> FieldsAsync(SyncedTenant tenant) =>
        (await deployment.Sandbox.ControlGetAsync("pipedrive", $"companies/{tenant.CompanyId}/persons"))!.AsArray()
            .ToDictionary(p => (long)p!["id"]!, p => (string?)p!["newsletter"]);

    private static Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> action) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (item, _) => await action(item));
}
