using PipedriveMaileon.IntegrationTests.Contacts;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PipedriveMaileon.IntegrationTests.Engagement;

/// <summary>
/// Engagement end to end (two silos, real PostgreSQL, the sandboxes): a mailing to 100 subscribed DOI+ persons with
/// opens, clicks, soft and 3 hard bounces becomes exactly one note per person and mailing with the right counts and
/// the bounced persons flagged; DOI-only contacts' opens (not personal) and unsubscribed contacts get nothing; a
/// replay of the reports and a reconciliation write nothing again, and new opens update the entry in place.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class EngagementEndToEndTests(DeploymentFixture fixture, ITestOutputHelper output)
{
    private const int Recipients = 100;

    [Fact]
    public async Task AMailingTo100SubscribedPersonsLeavesOneEntryPerPersonWithItsCounts()
    {
        using var tenant = await SyncedTenant.CreateAsync(fixture.Deployment, "Engagement Newsletter GmbH");
        var driver = new EngagementDriver(tenant);
        var doiOnly = await driver.SubscribedPersonsAsync("doi", 5);
        Assert.Contains("Settings saved.", await tenant.Admin.SaveSettingsAsync(null, permission: "doiplus"), StringComparison.Ordinal);
        var persons = await driver.SubscribedPersonsAsync("plus", Recipients);
        var leaving = await driver.SubscribedPersonsAsync("leaving", 4);
        Assert.Contains("Engagement setting saved.", await driver.EnableAsync(), StringComparison.Ordinal);
        var hooks = (await fixture.Deployment.Sandbox.ControlGetAsync("maileon", $"webhooks?accountId={tenant.MaileonAccountId}"))!.AsArray();
        Assert.Contains(hooks, h => (string?)h!["event"] == "bounce" && ((string?)h["url"])!.Contains($"/webhooks/maileon/{tenant.CompanyId}/bounce", StringComparison.Ordinal));

        var mailing = await driver.SendMailingAsync();
        await driver.TrackAsync(mailing, leaving.Select(p => (object)new { email = p.Email, opens = 2 }));
        foreach (var (_, email) in leaving)
        {
            await tenant.UnsubscribeInMaileonAsync(email);
        }

        await driver.NewslettersBecomeAsync(leaving.Select(p => p.Id), "Unsubscribed");
        await driver.TrackAsync(mailing, doiOnly.Select(p => (object)new { email = p.Email, opens = 2, clicks = new[] { EngagementDriver.Pricing } })
            .Concat(persons.Select((p, i) => Behaviour(i, p.Email))));

        // The hard bounces' webhook wakes the poll: the bounced persons' entries come without "read now". A run reads
        // up to its start, so recipients the sandbox recorded after it (a slow, loaded machine) wait for the next run.
        await Eventually.TrueAsync(
            async () => (await driver.PersonsAsync()).Count(Bounced) == 3,
            TimeSpan.FromSeconds(90),
            () => $"entries: {driver.TimelineAsync().GetAwaiter().GetResult().Count}\n{driver.EngagementStatus()}\n{tenant.Diagnostics()}");
        await driver.PollAndWaitAsync();
        await Eventually.TrueAsync(
            async () => (await driver.TimelineAsync()).Count == Recipients,
            TimeSpan.FromSeconds(60),
            () => $"entries: {driver.TimelineAsync().GetAwaiter().GetResult().Count}\n{driver.EngagementStatus()}\n{tenant.Diagnostics()}");
        await driver.PollAndWaitAsync();
        var entries = await driver.SettledTimelineAsync();
        AssertOneEntryEach(persons, entries);
        var flagged = (await driver.PersonsAsync()).Where(Bounced).Select(p => (long)p["id"]!).Order();
        Assert.Equal(persons.Take(3).Select(p => p.Id).Order(), flagged);

        // A replay (the next run reads the same rows again) and a reconciliation write nothing twice.
        await tenant.Admin.PostHandlerAsync("RunReconciliation");
        await driver.PollAndWaitAsync();
        var again = await driver.SettledTimelineAsync();
        Assert.Equal(entries.Select(e => e.ToJsonString()), again.Select(e => e.ToJsonString()));

        // More opens later: the same entry is updated in place.
        await driver.TrackAsync(mailing, [new { email = persons[10].Email, opens = 2 }]);
        await driver.PollAndWaitAsync();
        await Eventually.TrueAsync(
            async () => EngagementDriver.SubjectOf((await driver.TimelineAsync()).Single(e => (long?)e["personId"] == persons[10].Id)) == $"Opened '{EngagementDriver.Subject}' 4 times",
            TimeSpan.FromSeconds(30),
            () => $"person 10's entry was not updated\n{tenant.Diagnostics()}");
        var updated = await driver.TimelineAsync();
        Assert.Equal(Recipients, updated.Count);
        Assert.Equal((long)entries.Single(e => (long?)e["personId"] == persons[10].Id)["id"]!, (long)updated.Single(e => (long?)e["personId"] == persons[10].Id)["id"]!);
        output.WriteLine(string.Join('\n', updated.Take(5).Select(e => e.ToJsonString())));
    }

    /// <summary>Recipient i: the first three bounce hard, 3 and 4 bounce soft after opening, the rest open 1–3 times, every fourth clicks both links, the next one link.</summary>
    private static object Behaviour(int i, string email) => i < 3
        ? new { email, bounce = "hard", statusCode = "5.1.1" }
        : new
        {
            email,
            opens = 1 + (i % 3),
            clicks = i % 4 == 0 ? new[] { EngagementDriver.Pricing, EngagementDriver.Blog } : i % 4 == 1 ? [EngagementDriver.Pricing] : Array.Empty<string>(),
            bounce = i is 3 or 4 ? "soft" : null,
        };

    private static string ExpectedSubject(int i)
    {
        var quoted = $"'{EngagementDriver.Subject}'";
        if (i < 3)
        {
            return $"Hard bounce: {quoted}";
        }

        var opens = 1 + (i % 3);
        var subject = $"Opened {quoted}{(opens == 1 ? "" : $" {opens} times")}";
        return i % 4 == 0 ? subject + " · clicked 2 links" : i % 4 == 1 ? subject + " · clicked 1 link" : subject;
    }

    private static bool Bounced(System.Text.Json.Nodes.JsonNode person) => (string?)person["fieldDisplay"]?["Maileon bounce"] == "Hard bounce";

    private void AssertOneEntryEach(IReadOnlyList<(long Id, string Email)> persons, IReadOnlyList<System.Text.Json.Nodes.JsonNode> entries)
    {
        Assert.All(entries, e => Assert.Equal("note", (string?)e["kind"]));
        Assert.Equal(Recipients, entries.Count);
        for (var i = 0; i < persons.Count; i++)
        {
            var entry = Assert.Single(entries, e => (long?)e["personId"] == persons[i].Id);
            Assert.Equal(ExpectedSubject(i), EngagementDriver.SubjectOf(entry));
            Assert.Contains("Maileon ref mle-", (string?)entry["content"], StringComparison.Ordinal);
        }

        output.WriteLine($"{entries.Count} entries, one per recipient");
    }
}
