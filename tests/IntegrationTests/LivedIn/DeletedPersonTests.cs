using PipedriveMaileon.IntegrationTests.Contacts;
using PipedriveMaileon.IntegrationTests.Infrastructure;

namespace PipedriveMaileon.IntegrationTests.LivedIn;

/// <summary>
/// A person deleted in Pipedrive (issue 12, rule 8): by default the Maileon contact and its consent stay; with "also
/// erase in Maileon" it is erased. Either way the choice is in the person's consent ledger.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class DeletedPersonTests(DeploymentFixture fixture)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ADeletedPersonsContactIsErasedInMaileonOnlyWhenTheAdminChoseItAndTheChoiceIsInTheLedger(bool erase)
    {
        using var tenant = await SyncedTenant.CreateAsync(fixture.Deployment, erase ? "Erasing GmbH" : "Keeping GmbH");
        if (erase)
        {
            Assert.Contains("Settings saved.", await tenant.Admin.SaveSettingsAsync(null, eraseDeleted: true), StringComparison.Ordinal);
        }

        var email = erase ? "gina.gdpr@erasing.example" : "karl.kept@keeping.example";
        var person = await tenant.CreatePersonAsync("Gone Person", email);
        await tenant.SetNewsletterAsync(person, "Subscribe");
        await tenant.NewsletterBecomesAsync(person, "Awaiting confirmation");
        await tenant.ConfirmDoiAsync(email);
        await tenant.NewsletterBecomesAsync(person, "Subscribed");

        var deleted = await fixture.Deployment.Sandbox.Pipedrive.DeleteAsync($"/_sandbox/pipedrive/persons/{person}?userId={tenant.Admin.UserId}");
        Assert.True(deleted.IsSuccessStatusCode, await deleted.Content.ReadAsStringAsync());
        var choice = erase ? "\"also erase in Maileon\" is on" : "\"also erase in Maileon\" is off";
        await Eventually.TrueAsync(
            async () => (await tenant.LedgerAsync(person)).Any(r => ((string?)r!["detail"])?.Contains(choice, StringComparison.Ordinal) == true),
            TimeSpan.FromSeconds(30),
            () => $"the ledger never recorded the erase choice\n{tenant.LedgerAsync(person).GetAwaiter().GetResult().ToJsonString()}");
        if (erase)
        {
            await Eventually.TrueAsync(
                async () => (await tenant.MaileonContactsAsync(email, includeAnonymous: true)).Count == 0,
                TimeSpan.FromSeconds(30),
                () => $"{email} is still in Maileon\n{tenant.Diagnostics()}");
        }
        else
        {
            await tenant.QuietAsync();
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal(4, (int)Assert.Single(await tenant.MaileonContactsAsync(email))["permission"]!); // kept, with its DOI
        }
    }
}
