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

        AssertEvent(added, dealId, "Forty crates", 1234.5m, "open", TimestampOf("create"));
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
            Assert.Equal("float", attributes["value"]);
            Assert.Equal("date", attributes["expected_close_date"]);
            Assert.Equal("timestamp", attributes["timestamp"]);
            Assert.All(Attributes.Except(["deal_id", "value", "expected_close_date", "timestamp"]), a => Assert.Equal("string", attributes[a]));
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
    public async Task ATypeOfTheSameNameWithOtherAttributesIsReportedAndNothingIsSent()
    {
        using var tenant = await SyncedTenant.CreateAsync(Deployment, "Foreign Type SE", dealEvents: true);
        var deals = new DealDriver(tenant);
        await deals.CreateTransactionTypeAsync(DealDriver.Added, ("deal_id", "string", true), ("amount", "float", false));
        var person = await deals.ContactPersonAsync("Fiona Foreign", "fiona@foreign.example");

        var dealId = await deals.CreateDealAsync(new JsonObject { ["title"] = "Clash", ["value"] = 5, ["currency"] = "EUR", ["person_id"] = person });
        await deals.UpdateDealAsync(dealId, new JsonObject { ["title"] = "Clash again" });

        await deals.ActivitySaysAsync("Maileon already has a contact event type \"pipedrive_deal_added\" with other attributes (attribute deal_id is string, the app sends integer");
        await tenant.QuietAsync();
        await Task.Delay(1500);

        Assert.Empty(await deals.TransactionsAsync());
        var foreign = Assert.Single(await deals.TransactionTypesAsync(), t => t.Name == DealDriver.Added);
        Assert.Equal(new Dictionary<string, string> { ["deal_id"] = "string", ["amount"] = "float" }, foreign.Attributes);
        output.WriteLine((await deals.ActivityTextAsync()).Contains("retry the parked deal events", StringComparison.Ordinal) ? "activity says how to resolve it" : "activity has no hint");
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
            Assert.Equal(Changes, versions[^1]);
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
            $"updated events {sentUpdates}, superseded by a newer change delivered first {DealCount * Changes - sentUpdates}");
        Assert.Contains(changeDeliveries, d => (bool)d["duplicate"]!);
    }

    private async Task SetDeliveryAsync(object knobs)
    {
        using var response = await Deployment.Sandbox.Pipedrive.PutAsync("/_sandbox/pipedrive/delivery", JsonContent.Create(knobs));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
