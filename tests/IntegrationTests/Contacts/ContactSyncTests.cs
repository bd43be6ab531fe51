using System.Text.Json.Nodes;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PipedriveMaileon.IntegrationTests.Contacts;

/// <summary>
/// Contact sync end to end: Pipedrive users and Maileon recipients act in the sandbox, the app (two silos, one
/// web node, real PostgreSQL) reacts through real webhooks, and the outcome is read back from both emulators.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class ContactSyncTests(DeploymentFixture fixture, ITestOutputHelper output)
{
    private const string Awaiting = "Awaiting confirmation";

    private SandboxDeployment Deployment => fixture.Deployment;

    [Fact]
    public async Task SubscribeSendsTheContactWithDoubleOptInAndTheConfirmationMarksItSubscribed()
    {
        using var tenant = await SyncedTenant.CreateAsync(Deployment, "Subscribe GmbH");
        var person = await tenant.CreatePersonAsync("Anna Schmidt", "anna.schmidt@subscribe.example");

        await tenant.SetNewsletterAsync(person, "Subscribe");
        await tenant.NewsletterBecomesAsync(person, Awaiting);

        var contact = Assert.Single(await tenant.MaileonContactsAsync("anna.schmidt@subscribe.example"));
        Assert.Equal(1, (int)contact["permission"]!); // none until the recipient confirms
        Assert.Equal($"pd-{tenant.CompanyId}-{person}", (string?)contact["externalId"]);
        Assert.Equal("Anna", (string?)contact["standardFields"]!["FIRSTNAME"]);
        Assert.Equal("Schmidt", (string?)contact["standardFields"]!["LASTNAME"]);
        Assert.Equal("Anna Schmidt", (string?)contact["standardFields"]!["FULLNAME"]);
        Assert.Equal("true", (string?)contact["customFields"]!["createdByPipedrive"]);
        // The seed's pipedriveId names the Pipedrive company (so a Maileon webhook names it), set only on contacts we create.
        Assert.Equal(tenant.CompanyId.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)contact["customFields"]!["pipedriveId"]);
        Assert.Single(await tenant.DoiMailsAsync("anna.schmidt@subscribe.example"));

        await tenant.ConfirmDoiAsync("anna.schmidt@subscribe.example");
        await tenant.NewsletterBecomesAsync(person, "Subscribed");
        Assert.Equal(4, (int)Assert.Single(await tenant.MaileonContactsAsync("anna.schmidt@subscribe.example"))["permission"]!);

        // Our own field writes came back as webhooks: no second DOI mail, no loop.
        await tenant.QuietAsync();
        Assert.Single(await tenant.DoiMailsAsync("anna.schmidt@subscribe.example"));
        var ledger = await tenant.LedgerAsync(person);
        output.WriteLine(ledger.ToJsonString());
        Assert.Contains(ledger, e => (string?)e!["from_status"] == "None" && (string?)e["to_status"] == "Pending");
        Assert.Contains(ledger, e => (string?)e!["from_status"] == "Pending" && (string?)e["to_status"] == "Subscribed" && (string?)e["actor"] == "maileon");
    }

    [Fact]
    public async Task AnUnsubscribeInMaileonIsPermanentUntilAUserExplicitlyAsksAgain()
    {
        using var tenant = await SyncedTenant.CreateAsync(Deployment, "Tombstone AG");
        const string Email = "bert@tombstone.example";
        var person = await tenant.CreatePersonAsync("Bert Brecht", Email);
        await tenant.SetNewsletterAsync(person, "Subscribe");
        await tenant.NewsletterBecomesAsync(person, Awaiting);
        await tenant.ConfirmDoiAsync(Email);
        await tenant.NewsletterBecomesAsync(person, "Subscribed");

        await tenant.UnsubscribeInMaileonAsync(Email);
        await tenant.NewsletterBecomesAsync(person, "Unsubscribed");

        // Later edits never re-subscribe.
        await tenant.UpdatePersonAsync(person, new JsonObject { ["name"] = "Bertolt Brecht" });
        await tenant.QuietAsync();
        await Task.Delay(1500);
        Assert.Equal("Unsubscribed", await tenant.NewsletterAsync(person));
        Assert.Single(await tenant.DoiMailsAsync(Email));
        Assert.Empty(await tenant.MaileonContactsAsync(Email));

        // A new explicit request, after the unsubscribe, starts a new double opt-in.
        await tenant.SetNewsletterAsync(person, "Subscribe");
        await tenant.NewsletterBecomesAsync(person, Awaiting);
        Assert.Equal(2, (await tenant.DoiMailsAsync(Email)).Count);
        var ledger = await tenant.LedgerAsync(person);
        var statuses = ledger.Where(e => (string?)e!["from_status"] != (string?)e!["to_status"]).Select(e => $"{e!["from_status"]}->{e["to_status"]}").ToList();
        output.WriteLine(string.Join(", ", statuses));
        Assert.Equal(["None->Pending", "Pending->Subscribed", "Subscribed->Unsubscribed", "Unsubscribed->Pending"], statuses);
    }

    [Fact]
    public async Task AnUnsubscribeInPipedriveUnsubscribesInMaileonEvenWhileTheDoubleOptInIsPending()
    {
        using var tenant = await SyncedTenant.CreateAsync(Deployment, "Pending Unsub KG");
        const string Email = "carla@pending.example";
        var person = await tenant.CreatePersonAsync("Carla Pending", Email);
        await tenant.SetNewsletterAsync(person, "Subscribe");
        await tenant.NewsletterBecomesAsync(person, Awaiting);

        await tenant.SetNewsletterAsync(person, "Unsubscribed");
        await Eventually.TrueAsync(async () => (await tenant.MaileonContactsAsync(Email)).Count == 0, TimeSpan.FromSeconds(30), () => "the contact was not unsubscribed in Maileon");
        var anonymised = Assert.Single(await tenant.MaileonContactsAsync(includeAnonymous: true));
        Assert.True((bool)anonymised["anonymous"]!);
        await tenant.QuietAsync();
        Assert.Equal("Unsubscribed", await tenant.NewsletterAsync(person));
    }

    [Fact]
    public async Task APersonWithoutEmailIsNotSentAndTheActivityLogSaysWhyThenTheAddressStartsTheDoubleOptIn()
    {
        using var tenant = await SyncedTenant.CreateAsync(Deployment, "No Mail OHG");
        var person = await tenant.CreatePersonAsync("Dora Nomail", email: null);
        await tenant.SetNewsletterAsync(person, "Subscribe");

        await Eventually.TrueAsync(
            async () => (await tenant.ActivityAsync()).Contains("has no usable e-mail address", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), () => "the activity log never said why nothing was sent");
        Assert.Empty(await tenant.MaileonContactsAsync());

        await tenant.UpdatePersonAsync(person, new JsonObject { ["emails"] = new JsonArray(new JsonObject { ["value"] = "dora@nomail.example", ["primary"] = true }) });
        await tenant.NewsletterBecomesAsync(person, Awaiting);
        Assert.Single(await tenant.DoiMailsAsync("dora@nomail.example"));
    }

    [Fact]
    public async Task AnEmailChangeLeavesTheOldAddressAsItIsAndTheNewOneNeedsItsOwnDoubleOptIn()
    {
        using var tenant = await SyncedTenant.CreateAsync(Deployment, "Mail Change SE");
        var person = await tenant.CreatePersonAsync("Emil Change", "emil.old@change.example");
        await tenant.SetNewsletterAsync(person, "Subscribe");
        await tenant.NewsletterBecomesAsync(person, Awaiting);
        await tenant.ConfirmDoiAsync("emil.old@change.example");
        await tenant.NewsletterBecomesAsync(person, "Subscribed");

        await tenant.UpdatePersonAsync(person, new JsonObject { ["emails"] = new JsonArray(new JsonObject { ["value"] = "emil.new@change.example", ["primary"] = true }) });
        await tenant.NewsletterBecomesAsync(person, Awaiting);

        // Consent never moves to an unconfirmed address, and nobody asked to unsubscribe the old one (docs/IDENTITY.md).
        Assert.Equal(4, (int)Assert.Single(await tenant.MaileonContactsAsync("emil.old@change.example"))["permission"]!);
        var fresh = Assert.Single(await tenant.MaileonContactsAsync("emil.new@change.example"));
        Assert.Equal(1, (int)fresh["permission"]!);
        Assert.Single(await tenant.DoiMailsAsync("emil.new@change.example"));
    }

    [Fact]
    public async Task DuplicateAndReorderedDeliveriesProduceExactlyOneDoubleOptInPerPerson()
    {
        using var tenant = await SyncedTenant.CreateAsync(Deployment, "Chaos Delivery GmbH");
        await Deployment.Sandbox.Pipedrive.PutAsync("/_sandbox/pipedrive/delivery",
            System.Net.Http.Json.JsonContent.Create(new { duplicate = true, shuffle = true, shuffleWindowMs = 400 }));
        try
        {
            var persons = new List<(long Id, string Email)>();
            for (var i = 0; i < 6; i++)
            {
                var email = $"chaos{i}@delivery.example";
                var id = await tenant.CreatePersonAsync($"Chaos {i}", email);
                await tenant.SetNewsletterAsync(id, "Subscribe");
                await tenant.UpdatePersonAsync(id, new JsonObject { ["name"] = $"Chaos Renamed {i}" });
                persons.Add((id, email));
            }

            foreach (var (id, email) in persons)
            {
                await tenant.NewsletterBecomesAsync(id, Awaiting, seconds: 60);
            }

            await tenant.QuietAsync();
            foreach (var (id, email) in persons)
            {
                Assert.Single(await tenant.DoiMailsAsync(email));
                // A rename that reached the person while its double opt-in was on its way is a contact update the person
                // queues once the address tells it the contact exists, after the field write the test waited for.
                string? fullName = null;
                await Eventually.TrueAsync(
                    async () =>
                    {
                        var contact = Assert.Single(await tenant.MaileonContactsAsync(email));
                        fullName = (string?)contact["standardFields"]!["FULLNAME"];
                        return fullName?.StartsWith("Chaos Renamed", StringComparison.Ordinal) == true;
                    },
                    TimeSpan.FromSeconds(30),
                    () => $"person {id}: the Maileon contact's FULLNAME stayed '{fullName}'\n{tenant.Diagnostics()}");
                Assert.Single(await tenant.DoiMailsAsync(email));
            }
        }
        finally
        {
            await Deployment.Sandbox.Pipedrive.PutAsync("/_sandbox/pipedrive/delivery",
                System.Net.Http.Json.JsonContent.Create(new { duplicate = false, shuffle = false }));
        }
    }

    [Fact]
    public async Task MaileonFailingDuringASubscribeDelaysTheContactButNeitherLosesNorDuplicatesIt()
    {
        using var tenant = await SyncedTenant.CreateAsync(Deployment, "Flaky Maileon KG");
        const string Email = "fritz@flaky.example";
        var person = await tenant.CreatePersonAsync("Fritz Flaky", Email);
        var faults = new List<string>();
        foreach (var rule in new object[]
        {
            new { method = "POST", pathPattern = "^/1\\.0/contacts/email/fritz.*", status = 500, times = 2 },
            new { method = "POST", pathPattern = "^/1\\.0/contacts/email/fritz.*", status = 429, retryAfterSeconds = 1, times = 1 },
            new { method = "POST", pathPattern = "^/1\\.0/contacts/email/fritz.*", dropConnection = true, times = 1 },
        })
        {
            faults.Add((string)(await Deployment.Sandbox.ControlPostAsync("maileon", "faults", rule))!["id"]!);
        }

        try
        {
            await tenant.SetNewsletterAsync(person, "Subscribe");
            await tenant.NewsletterBecomesAsync(person, Awaiting, seconds: 60);
            Assert.Single(await tenant.MaileonContactsAsync(Email));
            Assert.Single(await tenant.DoiMailsAsync(Email));
        }
        finally
        {
            foreach (var id in faults)
            {
                await Deployment.Sandbox.Maileon.DeleteAsync($"/_sandbox/maileon/faults/{id}");
            }
        }
    }
}
