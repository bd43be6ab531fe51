using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PipedriveMaileon.IntegrationTests.Contacts;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PipedriveMaileon.IntegrationTests.LivedIn;

/// <summary>
/// Issue 12, rule 1: installed into the lived-in account, the app reads every person and what Maileon holds and shows a
/// preview whose counts equal the fixture's truth; nothing is sent before the admin confirms; the confirmed run mails
/// only addresses without a confirmed double opt-in, shows every outcome in the Newsletter field, and records it in
/// the consent ledger with source "first sync".
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class FirstSyncTests(DeploymentFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private SandboxDeployment Deployment => fixture.Deployment;

    [Fact]
    public async Task ThePreviewEqualsTheTruthAndTheConfirmedRunMailsNobodyConfirmedOrUnsubscribed()
    {
        var account = await LivedInAccount.SeedAsync(Deployment, seed: 1212, persons: 300);
        var company = account.Company(0);
        var persons = account.Manifest["persons"]!.AsArray().Select(p => p!).Where(p => (long)p["companyId"]! == (long)company["companyId"]!).ToList();
        using var tenant = await account.InstallAsync(0);
        var mailedBefore = (await MailsAsync(tenant)).Select(m => (long)m["id"]!).ToHashSet();

        var page = await PanelAsync(tenant, "Ready");
        output.WriteLine(Regex.Replace(page, "<[^>]+>", " "));
        foreach (var (testId, expected) in Truth)
        {
            Assert.Equal(persons.Count(p => (string)p["expected"]! == expected), Count(page, testId));
        }

        Assert.Contains($"({(int)company["doiMails"]!} mail(s): one per address)", page, StringComparison.Ordinal);
        Assert.Contains("Takes about", page, StringComparison.Ordinal);
        Assert.All(await MailsAsync(tenant), m => Assert.Contains((long)m["id"]!, mailedBefore)); // the preview sends nothing

        await tenant.Admin.PostHandlerAsync("FirstSync", new KeyValuePair<string, string>("command", "confirm"));
        var done = await PanelAsync(tenant, "Done");
        Assert.Equal(Count(done, "first-sync-total"), Count(done, "first-sync-processed"));
        await tenant.QuietAsync();

        // One mail per address expected to get one, none to an address confirmed or unsubscribed in Maileon. The run is
        // done once each address recorded its group; the last addresses' double opt-ins are their effects, sent after.
        var toMail = Addresses(persons, "doi-mail");
        var mailed = new List<string?>();
        await Eventually.TrueAsync(
            async () => (mailed = [.. (await MailsAsync(tenant)).Where(m => !mailedBefore.Contains((long)m["id"]!)).Select(m => Key((string)m["email"]!))]).Count >= toMail.Count,
            Patience,
            () => $"{mailed.Count} of {toMail.Count} DOI mails sent; none yet to {string.Join(", ", toMail.Except(mailed).Take(20))}");
        Assert.Equal(toMail.Order(StringComparer.Ordinal), mailed.Order(StringComparer.Ordinal));
        Assert.Equal((int)company["doiMails"]!, mailed.Count);
        Assert.Empty(mailed.Intersect(Addresses(persons, "already-confirmed").Concat(Addresses(persons, "unsubscribed"))));

        // Every outcome shows in Pipedrive (in the incumbent field's own labels) and is in the ledger as the first sync's.
        await FieldsShowAsync(tenant, persons, "already-confirmed", "Subscribed");
        await FieldsShowAsync(tenant, persons, "unsubscribed", "Unsubscribe", "Unsubscribed");
        await FieldsShowAsync(tenant, persons, "doi-mail", "DOI pending");
        // A person without a usable address has no address to act on: nothing is recorded for it. The others' rows come
        // with their addresses' notices, sent after the run is done; a person whose field already showed its outcome
        // (one marked "Unsubscribed") gives the waits above nothing to wait for.
        var recorded = persons.Where(p => (string)p["expected"]! is "doi-mail" or "already-confirmed" or "unsubscribed" && (string)p["shape"]! is not ("none" or "invalid"))
            .Select(p => (long)p["personId"]!).ToList();
        var rows = new List<JsonNode>();
        await Eventually.TrueAsync(
            async () =>
            {
                var ledger = JsonNode.Parse(await tenant.Admin.Http.GetStringAsync("/settings/ledger.json"))!;
                rows = [.. (ledger is JsonArray array ? array : ledger["entries"]!.AsArray()).Select(r => r!)];
                return recorded.All(person => rows.Any(r => (long?)r["person_id"] == person && (string?)r["source"] == "first sync"));
            },
            Patience,
            () => $"persons without a first-sync ledger row: {string.Join(", ", recorded.Where(person => !rows.Any(r => (long?)r["person_id"] == person && (string?)r["source"] == "first sync")).Take(20))}");
        foreach (var person in recorded)
        {
            Assert.Contains(rows, r => (long?)r["person_id"] == person && (string?)r["source"] == "first sync");
        }
    }

    private static readonly (string TestId, string Expected)[] Truth =
    [
        ("first-sync-doi", "doi-mail"), ("first-sync-confirmed", "already-confirmed"), ("first-sync-unsubscribed", "unsubscribed"),
        ("first-sync-awaiting", "awaiting-confirmation"), ("first-sync-no-email", "no-email"), ("first-sync-invalid-email", "invalid-email"),
        ("first-sync-nothing", "not-marked"),
    ];

    /// <summary>The settings page once its first-sync panel shows <paramref name="phase"/>.</summary>
    private static async Task<string> PanelAsync(SyncedTenant tenant, string phase)
    {
        var page = "";
        await Eventually.TrueAsync(
            async () => (page = WebUtility.HtmlDecode(await tenant.Admin.SettingsPageAsync())).Contains($"data-phase=\"{phase}\"", StringComparison.Ordinal),
            Patience,
            () => $"the first sync never reached {phase}: {Regex.Replace(page, "<[^>]+>", " ")}\n{tenant.Diagnostics()}");
        return page;
    }

    private static int Count(string page, string testId) =>
        int.Parse(Regex.Match(page, $"data-testid=\"{testId}\">([0-9]+)<").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<IReadOnlyList<JsonNode>> MailsAsync(SyncedTenant tenant) =>
        [.. (await tenant.Deployment.Sandbox.ControlGetAsync("maileon", $"doi-mails?accountId={tenant.MaileonAccountId}"))!.AsArray().Select(m => m!)];

    private static List<string> Addresses(IEnumerable<JsonNode> persons, string expected) =>
        [.. persons.Where(p => (string)p["expected"]! == expected && p["primaryEmail"] is not null).Select(p => Key((string)p["primaryEmail"]!)).OfType<string>().Distinct()];

    private static string? Key(string email) => email.Contains('@', StringComparison.Ordinal) ? email.Trim().ToLowerInvariant() : null;

    private static async Task FieldsShowAsync(SyncedTenant tenant, IEnumerable<JsonNode> persons, string expected, params string[] labels)
    {
        var ids = persons.Where(p => (string)p["expected"]! == expected && (p["primaryEmail"] is not null || expected == "unsubscribed")).Select(p => (long)p["personId"]!).ToHashSet();
        var wrong = new List<string>();
        await Eventually.TrueAsync(
            async () =>
            {
                var all = (await tenant.Deployment.Sandbox.ControlGetAsync("pipedrive", $"companies/{tenant.CompanyId}/persons"))!.AsArray();
                wrong = [.. all.Where(p => ids.Contains((long)p!["id"]!) && !labels.Contains((string?)p!["newsletter"])).Select(p => $"{p!["id"]}: {p["newsletter"]}")];
                return wrong.Count == 0;
            },
            Patience,
            () => $"persons expected {expected} do not show {string.Join(" or ", labels)}: {string.Join(", ", wrong.Take(20))}");
    }
}
