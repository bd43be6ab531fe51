using PipedriveMaileon.IntegrationTests.Infrastructure;

namespace PipedriveMaileon.IntegrationTests.Contacts;

/// <summary>
/// Identity by address, per tenant (issue 12, rule 4), end to end: two persons of one company share an address and a
/// second company shares the Maileon account. One DOI mail for the address; Maileon's webhooks reach every person with
/// the address by address, whoever's external id the contact carries; the unsubscribe reaches both companies.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class SharedAddressTests(DeploymentFixture fixture)
{
    private const string Email = "family@shared.example";

    [Fact]
    public async Task One_DOI_mail_per_address_and_a_Maileon_unsubscribe_reaches_every_person_with_it_in_both_companies()
    {
        using var first = await SyncedTenant.CreateAsync(fixture.Deployment, "Shared Address First GmbH");
        using var second = await SyncedTenant.SharingAccountWithAsync(first, "Shared Address Second GmbH");
        var anna = await first.CreatePersonAsync("Anna Family", Email);
        var ben = await first.CreatePersonAsync("Ben Family", "Family@Shared.example");
        var carla = await second.CreatePersonAsync("Carla Other", Email);

        await first.SetNewsletterAsync(anna, "Subscribe");
        await first.NewsletterBecomesAsync(anna, "Awaiting confirmation");
        await first.NewsletterBecomesAsync(ben, "Awaiting confirmation");
        await first.SetNewsletterAsync(ben, "Subscribe");
        await first.ConfirmDoiAsync(Email);
        await first.NewsletterBecomesAsync(anna, "Subscribed");
        await first.NewsletterBecomesAsync(ben, "Subscribed");
        await first.QuietAsync();
        Assert.Single(await first.DoiMailsAsync(Email));
        // The first company's confirmation grants the second nothing.
        Assert.Null(await second.NewsletterAsync(carla));

        // Maileon's timestamps have whole seconds: an unsubscribe in the same second as Ben's "Subscribe" reads as older
        // than it, and a request after an unsubscribe rightly starts a new double opt-in. People are slower than that.
        await Task.Delay(1100);
        await first.UnsubscribeInMaileonAsync(Email);

        await first.NewsletterBecomesAsync(anna, "Unsubscribed");
        await first.NewsletterBecomesAsync(ben, "Unsubscribed");
        await second.NewsletterBecomesAsync(carla, "Unsubscribed");
        await first.QuietAsync();
        Assert.Single(await first.DoiMailsAsync(Email));
    }
}
