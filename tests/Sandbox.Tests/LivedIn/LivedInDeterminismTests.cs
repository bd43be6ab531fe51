using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PipedriveMaileon.Sandbox.LivedIn;
using PipedriveMaileon.Sandbox.Tests.Pipedrive;

namespace PipedriveMaileon.Sandbox.Tests.LivedIn;

public sealed class LivedInDeterminismTests
{
    private static readonly object Small = new { seed = 5, persons = 400, secondCompanyPersons = 60 };

    [Fact]
    public async Task The_same_seed_gives_the_same_account_in_a_fresh_sandbox_and_another_seed_another()
    {
        await using var one = new PipedriveSandboxFactory();
        await using var two = new PipedriveSandboxFactory();
        var (first, _) = await LivedInSandbox.SeedAsync(one.CreateClient(), Small);
        var (again, _) = await LivedInSandbox.SeedAsync(two.CreateClient(), Small);
        Assert.Equal(first, again);

        var (other, _) = await LivedInSandbox.SeedAsync(one.CreateClient(), new { seed = 6, persons = 400, secondCompanyPersons = 60 });
        var (a, b) = (LivedInSandbox.Parse(first), LivedInSandbox.Parse(other));
        Assert.NotEqual(a.Persons.Select(p => (p.Mark, p.PrimaryEmail)), b.Persons.Select(p => (p.Mark, p.PrimaryEmail)));
        Assert.NotEqual(a.MaileonApiKey, b.MaileonApiKey);
        Assert.Equal(460, a.Persons.Count);
    }

    [Fact]
    public async Task It_can_seed_into_the_demo_account_and_the_incumbents_waiting_double_opt_in_can_be_confirmed()
    {
        await using var factory = new PipedriveSandboxFactory();
        var client = factory.CreateClient();
        var (json, _) = await LivedInSandbox.SeedAsync(client, new { seed = 7, persons = 600, secondCompanyPersons = 0, maileonAccountId = 7997 });
        var manifest = LivedInSandbox.Parse(json);
        Assert.Equal((7997L, "7a3f2c1e-5b6d-4e8f-9a0b-1c2d3e4f5a6b"), (manifest.MaileonAccountId, manifest.MaileonApiKey));
        Assert.Single(manifest.Companies);

        var waiting = manifest.Persons.First(p => p.Expected == FirstSyncExpectation.AwaitingConfirmation);
        var confirmed = await client.PostAsJsonAsync("/_sandbox/maileon/doi/confirm", new { accountId = 7997, email = waiting.PrimaryEmail });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var contact = (await client.GetFromJsonAsync<JsonArray>($"/_sandbox/maileon/contacts?accountId=7997&email={Uri.EscapeDataString(waiting.PrimaryEmail!)}"))!.Single()!;
        Assert.Equal(4, contact["permission"]!.GetValue<int>());
    }
}
