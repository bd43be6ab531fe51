using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using PipedriveMaileon.IntegrationTests.Contacts;
using PipedriveMaileon.IntegrationTests.Deals;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PipedriveMaileon.IntegrationTests.LivedIn;

/// <summary>
/// The app installed into the sandbox's lived-in account (issue 12): 5,000 persons with the incumbent's "Newsletter"
/// field, a second company with a German one, and a Maileon account that already has the seed's deal event types.
/// Each test seeds its own fixture (its own seed, so its own companies and Maileon account).
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class LivedInTenantTests(DeploymentFixture fixture, ITestOutputHelper output)
{
    private SandboxDeployment Deployment => fixture.Deployment;

    [Fact]
    public async Task TheExistingNewsletterFieldsAreAdoptedTheirLabelsUnderstoodAndTheMappingShown()
    {
        var account = await LivedInAccount.SeedAsync(Deployment, seed: 1201);
        var english = await account.FieldAsync(0);
        var german = await account.FieldAsync(1);
        using var first = await account.InstallAsync(0);
        using var second = await account.InstallAsync(1);

        // Company A's field has a label for every meaning: nothing added, nothing removed or renamed, no second field.
        var englishAfter = await account.FieldAsync(0);
        Assert.Equal(Options(english), Options(englishAfter));
        Assert.Single((await Deployment.Sandbox.ControlGetAsync("pipedrive", $"companies/{first.CompanyId}/fields"))!.AsArray(), f => (string?)f!["name"] == "Newsletter");
        // Company B's German field lacked "awaiting confirmation": one option added, the others kept with their ids.
        var germanAfter = Options(await account.FieldAsync(1));
        Assert.Equal([.. Options(german).Select(o => o.Label), "Bestätigung ausstehend"], germanAfter.Select(o => o.Label));
        Assert.Equal(Options(german).Select(o => o.Id), germanAfter.Take(Options(german).Count).Select(o => o.Id));

        var pageA = WebUtility.HtmlDecode(await first.Admin.SettingsPageAsync());
        Assert.Contains("\"DOI pending\" means awaiting confirmation", pageA, StringComparison.Ordinal);
        Assert.Contains("\"Unsubscribe\", \"Unsubscribed\" mean unsubscribed", pageA, StringComparison.Ordinal);
        Assert.Contains("\"VIP list\" is not an option the app recognises", pageA, StringComparison.Ordinal);
        var pageB = WebUtility.HtmlDecode(await second.Admin.SettingsPageAsync());
        Assert.Contains("\"Anmelden\" means a request to subscribe", pageB, StringComparison.Ordinal);
        Assert.Contains("Added the option \"Bestätigung ausstehend\" for awaiting confirmation", pageB, StringComparison.Ordinal);

        // The labels work both ways: a user's "Subscribe"/"Anmelden" starts a DOI, the app answers in the field's own labels.
        var anna = account.Persons(0, "single", "empty", "absent").First();
        var berta = account.Persons(1, "single", "empty", "absent").First();
        await first.SetNewsletterAsync(PersonId(anna), "Subscribe");
        await second.SetNewsletterAsync(PersonId(berta), "Anmelden");
        await first.NewsletterBecomesAsync(PersonId(anna), "DOI pending");
        await second.NewsletterBecomesAsync(PersonId(berta), "Bestätigung ausstehend");
        Assert.Single(await first.DoiMailsAsync((string)anna["primaryEmail"]!));
        await first.ConfirmDoiAsync((string)anna["primaryEmail"]!);
        await first.NewsletterBecomesAsync(PersonId(anna), "Subscribed");

        // A user's choice of the incumbent's verb "Unsubscribe" is an unsubscribe request.
        await first.SetNewsletterAsync(PersonId(anna), "Unsubscribe");
        await Eventually.TrueAsync(
            async () => (await first.MaileonContactsAsync((string)anna["primaryEmail"]!)).Count == 0,
            TimeSpan.FromSeconds(30),
            () => $"{anna["primaryEmail"]} is still an active contact in Maileon\n{first.Diagnostics()}");
    }

    [Fact]
    public async Task DealEventsFlowIntoTheEventTypesTheAccountAlreadyHas()
    {
        var account = await LivedInAccount.SeedAsync(Deployment, seed: 1202);
        using var tenant = await account.InstallAsync(0);
        var deals = new DealDriver(tenant);
        var typesBefore = await deals.TransactionTypesAsync();
        var contacts = account.Manifest["persons"]!.AsArray().Select(p => p!)
            .Where(p => (string)p["shape"]! == "single" && (string)p["maileon"]! is "doi" or "doi-plus" or "soi")
            .ToDictionary(p => PersonId(p));
        var deal = account.Manifest["deals"]!.AsArray().Select(d => d!).First(d => contacts.ContainsKey((long)d["personId"]!));
        var dealId = (long)deal["dealId"]!;
        var person = PersonId(contacts[(long)deal["personId"]!]);

        await deals.UpdateDealAsync(dealId, new JsonObject { ["value"] = 1234.56, ["title"] = "Renewal 2027", ["expected_close_date"] = "2027-01-31" });
        var created = await deals.CreateDealAsync(new JsonObject { ["title"] = "Upsell", ["value"] = 99, ["currency"] = "EUR", ["person_id"] = person });
        await deals.TransactionsReachAsync(DealDriver.Updated, 1);
        await deals.TransactionsReachAsync(DealDriver.Added, 1);
        await tenant.QuietAsync();

        var updated = Assert.Single(await deals.TransactionsAsync(DealDriver.Updated))["content"]!.AsObject();
        output.WriteLine(updated.ToJsonString());
        Assert.Equal(dealId, (long)updated["deal_id"]!);
        Assert.Equal("1235", updated["value"]!.ToJsonString()); // the seed's integer: rounded, the exact amount in the activity log
        Assert.Equal("2027-01-31", (string?)updated["expected_close_date"]); // a string, as the type declares
        Assert.Equal("Renewal 2027", (string?)updated["title"]);
        Assert.Matches("^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$", (string)updated["timestamp"]!);
        Assert.False(updated.ContainsKey("transaction_id")); // the incumbent's types have none
        var added = Assert.Single(await deals.TransactionsAsync(DealDriver.Added));
        Assert.Equal(created, DealDriver.DealIdOf(added));
        Assert.Equal("99", added["content"]!["value"]!.ToJsonString());
        await deals.ActivitySaysAsync("value 1234.56 was sent as 1235 (the event type declares it as integer); exact amount 1234.56");

        // The types were used as they are: none created, none changed, nothing parked.
        Assert.Equal(typesBefore.Select(t => (t.Name, string.Join(",", t.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal)))).Order(),
            (await deals.TransactionTypesAsync()).Select(t => (t.Name, string.Join(",", t.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal)))).Order());
        Assert.DoesNotContain(await deals.MaileonRequestsAsync(), r => r.Method == "POST" && r.Path == "/1.0/transactions/types");
        Assert.DoesNotContain("parked", await deals.ActivityTextAsync(), StringComparison.OrdinalIgnoreCase);
    }

    private static long PersonId(JsonNode person) => (long)person["personId"]!;

    private static List<(long Id, string Label)> Options(JsonNode field) =>
        [.. field["options"]!.AsArray().Select(o => ((long)o!["id"]!, (string)o["label"]!))];
}
