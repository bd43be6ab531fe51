using PipedriveMaileon.IntegrationTests.Contacts;
using PipedriveMaileon.IntegrationTests.Deals;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PipedriveMaileon.IntegrationTests.LivedIn;

/// <summary>
/// Seed fidelity (issue 12): the app's own Newsletter writes come back as Pipedrive webhooks; those echoes cause no
/// Maileon call, counted in the Maileon emulator's request journal.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class EchoTests(DeploymentFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task TheEchoOfTheAppsOwnNewsletterWritesCausesNoMaileonCall()
    {
        using var tenant = await SyncedTenant.CreateAsync(fixture.Deployment, "Echo Free GmbH");
        var journal = new DealDriver(tenant);
        const string Email = "erik.echo@echo-free.example";
        var person = await tenant.CreatePersonAsync("Erik Echo", Email);
        await tenant.QuietAsync();
        var before = (await journal.MaileonRequestsAsync()).Select(r => r.Sequence).DefaultIfEmpty(0).Max();

        await tenant.SetNewsletterAsync(person, "Subscribe");
        await tenant.NewsletterBecomesAsync(person, "Awaiting confirmation");
        await tenant.QuietAsync(); // the echo of "Awaiting confirmation" was delivered
        await tenant.ConfirmDoiAsync(Email);
        await tenant.NewsletterBecomesAsync(person, "Subscribed");
        await tenant.QuietAsync(); // and the echo of "Subscribed"
        await Task.Delay(TimeSpan.FromSeconds(3)); // what an echo would queue runs within a second

        var calls = (await journal.MaileonRequestsAsync(before)).Where(r => r.Path.Contains("/contacts/email/", StringComparison.Ordinal)).ToList();
        output.WriteLine(string.Join('\n', calls.Select(c => $"{c.Method} {c.Path} {c.Status}")));
        // The subscribe: one read of the address and one upsert with the DOI. Nothing for the two echoes.
        Assert.Single(calls, c => c.Method == "POST");
        Assert.Single(calls, c => c.Method == "GET");
        Assert.Equal(2, calls.Count);
        var echoes = (await fixture.Deployment.Sandbox.ControlGetAsync("pipedrive", $"deliveries?companyId={tenant.CompanyId}"))!.AsArray()
            .Count(d => ((string?)d!["event"])?.EndsWith(".person", StringComparison.Ordinal) == true);
        Assert.True(echoes >= 4, $"expected the create, the user's change and two echoes as person webhooks, saw {echoes}");
    }
}
