using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PipedriveMaileon.IntegrationTests.Contacts;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PipedriveMaileon.IntegrationTests.Deals;

/// <summary>
/// Deal events end to end: Pipedrive users create, change and delete deals in the sandbox, the app (two silos, real
/// PostgreSQL) turns the real webhooks into Maileon contact events, and the events Maileon stored are compared,
/// attribute by attribute, with what Pipedrive holds and delivered.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class DealEventTests(DeploymentFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] Attributes =
        ["deal_id", "title", "value", "currency", "status", "person_name", "org_name", "owner_name", "cc_email", "expected_close_date", "timestamp"];

    private SandboxDeployment Deployment => fixture.Deployment;

    [Fact]
    public async Task CreateUpdateDeleteEachSendOneEventWithEveryAttribute()
    {
        using var tenant = await SyncedTenant.CreateAsync(Deployment, "Lifecycle Deals GmbH", dealEvents: true);
        var deals = new DealDriver(tenant);
        const string Email = "lena.lifecycle@deals.example";
        var person = await deals.ContactPersonAsync("Lena Lifecycle", Email);
        var owner = await deals.CreateUserAsync("Olga Owner", "olga@lifecycle.example");
        var organization = await deals.CreateOrganizationAsync("Lifecycle Industries");

        var dealId = await deals.CreateDealAsync(new JsonObject
        {
            ["title"] = "Forty crates",
            ["value"] = 1234.5,
            ["currency"] = "EUR",
            ["person_id"] = person,
            ["org_id"] = organization,
            ["owner_id"] = owner,
            ["expected_close_date"] = "2026-03-31",
        });
        await deals.TransactionsReachAsync(DealDriver.Added, 1);
        var smartBcc = (string)(await deals.DealsAsync()).Single(d => (long)d["id"]! == dealId)["smart_bcc_email"]!;
        Assert.False(string.IsNullOrEmpty(smartBcc));

        await deals.UpdateDealAsync(dealId, new JsonObject { ["title"] = "Forty crates, signed", ["value"] = 2000, ["status"] = "won" });
        await deals.TransactionsReachAsync(DealDriver.Updated, 1);
        await deals.DeleteDealAsync(dealId);
        await deals.TransactionsReachAsync(DealDriver.Deleted, 1);
        await tenant.QuietAsync();

        var deliveries = await deals.DealDeliveriesAsync();
        string TimestampOf(string action) => DealDriver.MaileonTimestamp(deliveries.First(d => (string)d["event"]! == $"{action}.deal" && (int?)d["status"] is >= 200 and < 300));

        var all = await deals.TransactionsAsync();
        Assert.Equal(3, all.Count);
        var added = Assert.Single(all, t => (string)t["typeName"]! == DealDriver.Added);
        var updated = Assert.Single(all, t => (string)t["typeName"]! == DealDriver.Updated);
        var deleted = Assert.Single(all, t => (string)t["typeName"]! == DealDriver.Deleted);
        output.WriteLine(added.ToJsonString());
        output.WriteLine(updated.ToJsonString());
        output.WriteLine(deleted.ToJsonString());

        // value is an integer (the seed's table): rounded, with the exact amount in the activity log.
        AssertEvent(added, dealId, "Forty crates", 1235m, "open", TimestampOf("create"));
        await deals.ActivitySaysAsync("value 1234.5 was sent as 1235 (the event type declares it as integer); exact amount 1234.5");
        AssertEvent(updated, dealId, "Forty crates, signed", 2000m, "won", TimestampOf("change"));
        AssertEvent(deleted, dealId, "Forty crates, signed", 2000m, "won", TimestampOf("delete"));
        Assert.Equal(3, all.Select(t => (string?)t["transaction_id"]).Where(id => id is not null).Distinct().Count());
        Assert.True(
            string.CompareOrdinal(DealDriver.Text(added, "timestamp"), DealDriver.Text(updated, "timestamp")) <= 0
            && string.CompareOrdinal(DealDriver.Text(updated, "timestamp"), DealDriver.Text(deleted, "timestamp")) <= 0,
            "the events' timestamps are not in the order of the changes");

        // The three types exist once each, with the seed's attributes in Maileon's types.
        var types = (await deals.TransactionTypesAsync()).Where(t => t.Name.StartsWith("pipedrive_deal_", StringComparison.Ordinal)).ToList();
        Assert.Equal([DealDriver.Added, DealDriver.Deleted, DealDriver.Updated], types.Select(t => t.Name).Order(StringComparer.Ordinal));
        foreach (var (_, attributes) in types)
        {
            Assert.Equal("integer", attributes["deal_id"]);
            Assert.Equal("integer", attributes["value"]);
            Assert.Equal("string", attributes["expected_close_date"]);
            Assert.Equal("timestamp", attributes["timestamp"]);
            Assert.All(Attributes.Except(["deal_id", "value", "timestamp"]), a => Assert.Equal("string", attributes[a]));
        }

        void AssertEvent(JsonNode transaction, long id, string title, decimal value, string status, string timestamp)
        {
            var content = transaction["content"]!.AsObject();
            Assert.Equal(Attributes.Order(StringComparer.Ordinal), content.Select(p => p.Key).Where(k => k != "transaction_id").Order(StringComparer.Ordinal));
            Assert.Equal(id, (long)content["deal_id"]!);
            Assert.Equal(title, (string?)content["title"]);
            Assert.Equal(value, (decimal)content["value"]!);
            Assert.Equal("EUR", (string?)content["currency"]);
            Assert.Equal(status, (string?)content["status"]);
            Assert.Equal("Lena Lifecycle", (string?)content["person_name"]);
            Assert.Equal("Lifecycle Industries", (string?)content["org_name"]);
            Assert.Equal("Olga Owner", (string?)content["owner_name"]);
            Assert.Equal(smartBcc, (string?)content["cc_email"]);
            Assert.Equal("2026-03-31", (string?)content["expected_close_date"]);
            Assert.Equal(timestamp, (string?)content["timestamp"]);
            Assert.Equal(Email, (string?)transaction["contact"]!["email"]);
        }
    }

    [Fact]
    public async Task ConcurrentFirstEventsCreateEachTypeOnce()
    {
        using var tenant = await SyncedTenant.CreateAsync(Deployment, "Concurrent Types AG", dealEvents: true);
        var deals = new DealDriver(tenant);
        var person = await deals.ContactPersonAsync("Theo Types", "theo@types.example");
        var before = (await deals.MaileonRequestsAsync()).Select(r => r.Sequence).DefaultIfEmpty(0).Max();

        const int Count = 12;
        var ids = await Task.WhenAll(Enumerable.Range(1, Count).Select(i =>
            deals.CreateDealAsync(new JsonObject { ["title"] = $"Parallel {i}", ["value"] = i, ["currency"] = "USD", ["person_id"] = person })));
        await deals.TransactionsReachAsync(DealDriver.Added, Count, seconds: 60);
        await tenant.QuietAsync();

        var added = await deals.TransactionsAsync(DealDriver.Added);
        Assert.Equal(ids.Order(), added.Select(DealDriver.DealIdOf).Order());
        var requests = await deals.MaileonRequestsAsync(before);
        var typeCreations = requests.Where(r => r.Method == "POST" && r.Path == "/1.0/transactions/types").ToList();
        output.WriteLine($"type creations: {typeCreations.Count}, type reads: {requests.Count(r => r.Method == "GET" && r.Path.StartsWith("/1.0/transactions/types/", StringComparison.Ordinal))}");
        Assert.Equal(3, typeCreations.Count);
        Assert.All(typeCreations, r => Assert.InRange(r.Status, 200, 299));
        var names = (await deals.TransactionTypesAsync()).Select(t => t.Name).Where(n => n.StartsWith("pipedrive_deal_", StringComparison.Ordinal)).ToList();
        Assert.Equal([DealDriver.Added, DealDriver.Deleted, DealDriver.Updated], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DealsWithoutAPersonOrWithoutAMaileonContactAreReportedAndNothingIsSent()
    {
        using var tenant = await SyncedTenant.CreateAsync(Deployment, "Skipped Deals KG", dealEvents: true);
        var deals = new DealDriver(tenant);
        var stranger = await tenant.CreatePersonAsync("Sam Stranger", "sam@skipped.example"); // never subscribed: no Maileon contact

        var orphan = await deals.CreateDealAsync(new JsonObject { ["title"] = "Nobody's deal", ["value"] = 10, ["currency"] = "EUR" });
        var strangers = await deals.CreateDealAsync(new JsonObject { ["title"] = "Stranger's deal", ["value"] = 20, ["currency"] = "EUR", ["person_id"] = stranger });
        await deals.UpdateDealAsync(strangers, new JsonObject { ["value"] = 25 });

        await deals.ActivitySaysAsync($"Deal {orphan} created: not sent to Maileon, the deal has no person.");
        await deals.ActivitySaysAsync($"Deal {strangers} created: not sent to Maileon, person {stranger} is not a Maileon contact");
        await deals.ActivitySaysAsync($"Deal {strangers} updated: not sent to Maileon, person {stranger} is not a Maileon contact");
        await tenant.QuietAsync();

        Assert.Empty(await deals.TransactionsAsync());
        Assert.Empty(await tenant.MaileonContactsAsync(includeAnonymous: true));
        var imports = (await Deployment.Sandbox.ControlGetAsync("maileon", $"imports?accountId={tenant.MaileonAccountId}"))!.AsArray();
        Assert.Empty(imports);
    }

    [Fact]
    public async Task ATypeOfTheSameNameBuiltDifferentlyIsAdoptedAsItIsAndWhatItLacksIsReportedOnce()
    {
        using var tenant = await SyncedTenant.CreateAsync(Deployment, "Foreign Type SE", dealEvents: true);
        var deals = new DealDriver(tenant);
        await deals.CreateTransactionTypeAsync(DealDriver.Added, ("deal_id", "string", true), ("value", "float", false), ("amount", "float", false));
        var person = await deals.ContactPersonAsync("Fiona Foreign", "fiona@foreign.example");

        var first = await deals.CreateDealAsync(new JsonObject { ["title"] = "Clash", ["value"] = 5.25, ["currency"] = "EUR", ["person_id"] = person });
        var second = await deals.CreateDealAsync(new JsonObject { ["title"] = "Clash again", ["value"] = 7, ["currency"] = "EUR", ["person_id"] = person });
        await deals.TransactionsReachAsync(DealDriver.Added, 2);
        await tenant.QuietAsync();

        // Each attribute in the type the account declares; what it lacks is left out; the type itself is untouched.
        var sent = await deals.TransactionsAsync(DealDriver.Added);
        Assert.Equal([first, second], sent.Select(t => long.Parse(DealDriver.Text(t, "deal_id")!, CultureInfo.InvariantCulture)).Order());
        var firstContent = sent.Single(t => DealDriver.Text(t, "deal_id") == first.ToString(CultureInfo.InvariantCulture))["content"]!.AsObject();
        Assert.Equal(["deal_id", "value"], firstContent.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(5.25m, (decimal)firstContent["value"]!);
        var foreign = Assert.Single(await deals.TransactionTypesAsync(), t => t.Name == DealDriver.Added);
        Assert.Equal(new Dictionary<string, string> { ["deal_id"] = "string", ["value"] = "float", ["amount"] = "float" }, foreign.Attributes);

        const string Report = "Using the existing contact event type \"pipedrive_deal_added\" as it is: it has no attribute title, currency, status, person_name, org_name, owner_name, cc_email, expected_close_date, timestamp";
        await deals.ActivitySaysAsync(Report);
        var activity = await deals.ActivityTextAsync();
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(activity, System.Text.RegularExpressions.Regex.Escape(Report)));
        Assert.DoesNotContain("parked", activity, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DuplicateAndReorderedDeliveriesNeverSendAnEventTwiceNorAnOlderStateAfterANewerOne()
    {
        using var tenant = await SyncedTenant.CreateAsync(Deployment, "Shuffled Deals OHG", dealEvents: true);
        var deals = new DealDriver(tenant);
        var person = await deals.ContactPersonAsync("Rita Reorder", "rita@shuffled.example");
        const int DealCount = 4;
        const int Changes = 6;
        var ids = new List<long>();
        for (var d = 0; d < DealCount; d++)
        {
            ids.Add(await deals.CreateDealAsync(new JsonObject { ["title"] = $"Shuffle {d} v0", ["value"] = 0, ["currency"] = "EUR", ["person_id"] = person }));
        }

        await deals.TransactionsReachAsync(DealDriver.Added, DealCount);
        await SetDeliveryAsync(new { duplicate = true, shuffle = true, shuffleWindowMs = 400 });
        try
        {
            for (var k = 1; k <= Changes; k++)
            {
                foreach (var (dealId, d) in ids.Select((id, d) => (id, d)))
                {
                    await deals.UpdateDealAsync(dealId, new JsonObject { ["title"] = $"Shuffle {d} v{k}", ["value"] = k });
                }

                await Task.Delay(15); // distinct source timestamps; still well inside one shuffle window
            }

            // The newest change of every deal is never superseded: it must arrive.
            await deals.TransactionsReachAsync(DealDriver.Updated, DealCount, seconds: 60, where: t => DealDriver.Text(t, "title")!.EndsWith($" v{Changes}", StringComparison.Ordinal));
            await tenant.QuietAsync();
            foreach (var dealId in ids)
            {
                await deals.DeleteDealAsync(dealId);
            }

            await deals.TransactionsReachAsync(DealDriver.Deleted, DealCount, seconds: 60);
            await tenant.QuietAsync();
            await Task.Delay(1500);
        }
        finally
        {
            await SetDeliveryAsync(new { duplicate = false, shuffle = false });
        }

        var deliveries = await deals.DealDeliveriesAsync();
        var changeDeliveries = deliveries.Where(d => (string)d["event"]! == "change.deal").ToList();
        var timestamps = changeDeliveries.Where(d => (int?)d["status"] is >= 200 and < 300)
            .ToLookup(d => (string)JsonNode.Parse((string)d["body"]!)!["data"]!["title"]!, DealDriver.MaileonTimestamp);
        var all = await deals.TransactionsAsync();
        var transactionIds = all.Select(t => (string?)t["transaction_id"]).ToList();
        Assert.DoesNotContain(null, transactionIds);
        Assert.Equal(transactionIds.Count, transactionIds.Distinct().Count());

        var sentUpdates = 0;
        foreach (var (dealId, d) in ids.Select((id, d) => (id, d)))
        {
            var mine = all.Where(t => DealDriver.DealIdOf(t) == dealId).ToList();
            Assert.Single(mine, t => (string)t["typeName"]! == DealDriver.Added);
            var deleted = Assert.Single(mine, t => (string)t["typeName"]! == DealDriver.Deleted);
            Assert.Equal($"Shuffle {d} v{Changes}", DealDriver.Text(deleted, "title"));

            var updates = mine.Where(t => (string)t["typeName"]! == DealDriver.Updated).ToList();
            var versions = updates.Select(t => int.Parse(DealDriver.Text(t, "title")!.Split(" v")[1], CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(versions.Order(), versions); // stored in source order
            Assert.Equal(versions.Count, versions.Distinct().Count()); // once each
            Assert.Equal(Enumerable.Range(1, Changes), versions); // every real change, once, in the order it happened
            foreach (var update in updates)
            {
                var title = DealDriver.Text(update, "title")!;
                Assert.Equal((decimal)int.Parse(title.Split(" v")[1], CultureInfo.InvariantCulture), (decimal)update["content"]!["value"]!);
                Assert.Contains(DealDriver.Text(update, "timestamp"), timestamps[title]);
            }

            sentUpdates += updates.Count;
        }

        output.WriteLine(
            $"shuffle: changes {DealCount * Changes}, deliveries {changeDeliveries.Count} (duplicates {changeDeliveries.Count(d => (bool)d["duplicate"]!)}), " +
            $"updated events {sentUpdates} of {DealCount * Changes} changes");
        Assert.Contains(changeDeliveries, d => (bool)d["duplicate"]!);
    }

    // This test found that ingest stalled while Maileon failed (the webhook ingress stateless worker took one call at a
    // time per activation); fixed by making it reentrant.
    [Fact]
    public async Task MaileonFailuresDuringABurstOf500ChangesNeitherLoseNorDuplicateAnEvent()
    {
        using var tenant = await SyncedTenant.CreateAsync(Deployment, "Burst Deals GmbH", dealEvents: true);
        var deals = new DealDriver(tenant);
        const int DealCount = 25;
        const int Rounds = 20;
        var persons = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => deals.ContactPersonAsync($"Burst Person {i}", $"burst{i}@burst.example")));
        var ids = new List<long>();
        for (var d = 0; d < DealCount; d++)
        {
            ids.Add(await deals.CreateDealAsync(new JsonObject { ["title"] = $"Burst {d} v0", ["value"] = 0, ["currency"] = "EUR", ["person_id"] = persons[d % persons.Length] }));
        }

        await deals.TransactionsReachAsync(DealDriver.Added, DealCount, seconds: 60);
        var baseline = (await deals.DealDeliveriesAsync()).Select(d => (long)d["sequence"]!).DefaultIfEmpty(0).Max();
        var journalStart = (await deals.MaileonRequestsAsync()).Select(r => r.Sequence).DefaultIfEmpty(0).Max();

        // Each round changes every deal once, all deals at the same time; the next round starts once Pipedrive has its
        // acknowledgements (a person edits a deal after the last edit was saved). Maileon fails for part of the run.
        var faults = new List<string>();
        var started = DateTime.UtcNow;
        try
        {
            for (var round = 1; round <= Rounds; round++)
            {
                switch (round)
                {
                    case 4:
                        faults.Add(await AddFaultAsync(new { method = "POST", pathPattern = "^/1\\.0/transactions$", status = 500 }));
                        break;
                    case 9:
                        await MetAsync(deals, journalStart, 500);
                        await RemoveFaultsAsync(faults);
                        faults.Add(await AddFaultAsync(new { method = "POST", pathPattern = "^/1\\.0/transactions$", status = 429, retryAfterSeconds = 1 }));
                        break;
                    case 13:
                        await MetAsync(deals, journalStart, 429);
                        await RemoveFaultsAsync(faults);
                        faults.Add(await AddFaultAsync(new { method = "POST", pathPattern = "^/1\\.0/transactions$", dropConnection = true, times = 3 }));
                        break;
                    case 16:
                        faults.Add(await AddFaultAsync(new { method = "POST", pathPattern = "^/1\\.0/transactions$", status = 503, times = 4 }));
                        break;
                }

                var current = round;
                await Task.WhenAll(ids.Select((dealId, d) =>
                    deals.UpdateDealAsync(dealId, new JsonObject { ["title"] = $"Burst {d} v{current}", ["value"] = current * 100 + d, ["status"] = current % 5 == 0 ? "won" : "open" })));
                await Eventually.TrueAsync(
                    async () => Acknowledged(await deals.DealDeliveriesAsync(baseline)).Count() >= DealCount * current,
                    TimeSpan.FromSeconds(30),
                    () => $"round {current}: Pipedrive's change deliveries were not all acknowledged\n{MaileonTraffic()}\n{tenant.Diagnostics()}");
            }
        }
        finally
        {
            await RemoveFaultsAsync(faults);
        }

        var ingested = DateTime.UtcNow - started;
        await deals.TransactionsReachAsync(DealDriver.Updated, DealCount * Rounds, seconds: 120);
        await tenant.QuietAsync();
        await Task.Delay(2000); // anything still in flight would show up as a duplicate now
        var drained = DateTime.UtcNow - started;

        var deliveries = (await deals.DealDeliveriesAsync(baseline)).Where(d => (string)d["event"]! == "change.deal").ToList();
        var acknowledged = Acknowledged(deliveries).ToList();
        var timestampOf = acknowledged.GroupBy(d => (string)JsonNode.Parse((string)d["body"]!)!["data"]!["title"]!).ToDictionary(g => g.Key, g => DealDriver.MaileonTimestamp(g.First()));
        var updates = await deals.TransactionsAsync(DealDriver.Updated);
        var expected = ids.SelectMany((_, d) => Enumerable.Range(1, Rounds).Select(r => $"Burst {d} v{r}")).ToHashSet();
        var seen = updates.Select(t => DealDriver.Text(t, "title")!).ToList();
        var duplicates = seen.Count - seen.Distinct().Count();
        var lost = expected.Except(seen).Count();
        var unexpected = seen.Distinct().Except(expected).Count();
        var outOfOrder = 0;
        foreach (var (dealId, d) in ids.Select((id, d) => (id, d)))
        {
            var versions = updates.Where(t => DealDriver.DealIdOf(t) == dealId).Select(t => int.Parse(DealDriver.Text(t, "title")!.Split(" v")[1], CultureInfo.InvariantCulture)).ToList();
            outOfOrder += versions.Zip(versions.Skip(1)).Count(p => p.Second <= p.First);
        }

        var maileon = (await deals.MaileonRequestsAsync(journalStart)).Where(r => r.Method == "POST" && r.Path == "/1.0/transactions").ToList();
        output.WriteLine(
            $"burst: {DealCount} deals x {Rounds} changes = {expected.Count} changes; Pipedrive deliveries sent {deliveries.Count}, acknowledged {acknowledged.Count} " +
            $"(distinct events {acknowledged.Select(d => (string)d["eventId"]!).Distinct().Count()}); transactions expected {expected.Count}, seen {seen.Count}, " +
            $"duplicates {duplicates}, lost {lost}, unexpected {unexpected}, out of order {outOfOrder}; Maileon POST /transactions {maileon.Count} " +
            $"(500: {maileon.Count(r => r.Status == 500)}, 429: {maileon.Count(r => r.Status == 429)}, 503: {maileon.Count(r => r.Status == 503)}, " +
            $"dropped: {maileon.Count(r => r.Status is 0 or 499)}); ingested in {ingested.TotalSeconds:F1} s, drained in {drained.TotalSeconds:F1} s");

        Assert.Equal(expected.Count, acknowledged.Select(d => (string)d["eventId"]!).Distinct().Count());
        Assert.Equal(0, duplicates);
        Assert.Equal(0, lost);
        Assert.Equal(0, unexpected);
        Assert.Equal(0, outOfOrder);
        Assert.Contains(maileon, r => r.Status == 500);
        Assert.Contains(maileon, r => r.Status == 429);
        Assert.Equal(DealCount, (await deals.TransactionsAsync(DealDriver.Added)).Count);
        Assert.Equal(updates.Count, updates.Select(t => (string)t["transaction_id"]!).Distinct().Count());
        foreach (var update in updates)
        {
            var title = DealDriver.Text(update, "title")!;
            var round = int.Parse(title.Split(" v")[1], CultureInfo.InvariantCulture);
            var d = int.Parse(title.Split(' ')[1], CultureInfo.InvariantCulture);
            Assert.Equal(ids[d], DealDriver.DealIdOf(update));
            Assert.Equal(round * 100 + d, (decimal)update["content"]!["value"]!);
            Assert.Equal(round % 5 == 0 ? "won" : "open", DealDriver.Text(update, "status"));
            Assert.Equal($"Burst Person {d % persons.Length}", DealDriver.Text(update, "person_name"));
            Assert.Equal(timestampOf[title], DealDriver.Text(update, "timestamp"));
        }

        string MaileonTraffic() => string.Join('\n', deals.MaileonRequestsAsync(journalStart).GetAwaiter().GetResult()
            .GroupBy(r => $"{r.Method} {System.Text.RegularExpressions.Regex.Replace(r.Path, "[0-9]+", "N")} {r.Status}")
            .Select(g => $"{g.Count(),6} {g.Key}"));

        static IEnumerable<JsonNode> Acknowledged(IEnumerable<JsonNode> deliveries) =>
            deliveries.Where(d => (string)d["event"]! == "change.deal" && (int?)d["status"] is >= 200 and < 300);
    }

    /// <summary>
    /// Waits until Maileon answered an event with <paramref name="status"/>: after failures every deal's outbox may be
    /// backing off when a fault's rounds begin, so rounds alone do not make a call meet it.
    /// </summary>
    private static Task MetAsync(DealDriver deals, long after, int status) =>
        Eventually.TrueAsync(
            async () => (await deals.MaileonRequestsAsync(after)).Any(r => r.Method == "POST" && r.Path == "/1.0/transactions" && r.Status == status),
            TimeSpan.FromSeconds(60),
            () => $"no event was answered {status} by Maileon");

    private async Task<string> AddFaultAsync(object rule) => (string)(await Deployment.Sandbox.ControlPostAsync("maileon", "faults", rule))!["id"]!;

    private async Task RemoveFaultsAsync(List<string> faults)
    {
        foreach (var id in faults)
        {
            using var response = await Deployment.Sandbox.Maileon.DeleteAsync($"/_sandbox/maileon/faults/{id}");
        }

        faults.Clear();
    }

    private async Task SetDeliveryAsync(object knobs)
    {
        using var response = await Deployment.Sandbox.Pipedrive.PutAsync("/_sandbox/pipedrive/delivery", JsonContent.Create(knobs));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
