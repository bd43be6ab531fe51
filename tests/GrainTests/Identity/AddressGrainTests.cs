using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Identity;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Interfaces.Identity;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using PipedriveMaileon.GrainTests.Infrastructure;
using static PipedriveMaileon.GrainTests.Contacts.ContactDefaults;

namespace PipedriveMaileon.GrainTests.Identity;

/// <summary>
/// Consent belongs to the address (docs/IDENTITY.md): persons sharing an address get one double opt-in, Maileon facts
/// reach every person of the tenant with the address, and tenants sharing a Maileon account see each other's unsubscribes only.
/// </summary>
[Collection(ProductClusterCollection.Name)]
public sealed class AddressGrainTests(ProductClusterFixture fixture)
{
    private const string Email = "team@example.com";
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Two_persons_asking_for_one_address_get_one_DOI_mail_and_both_follow_its_confirmation()
    {
        var company = await TenantAsync();

        await fixture.Grains.Contact(company, 1).AcceptPerson(NewsletterSet(company, 1, NewsletterOption.Subscribe, Email, T0));
        await fixture.Grains.Contact(company, 2).AcceptPerson(NewsletterSet(company, 2, NewsletterOption.Subscribe, "Team@Example.com", T0.AddSeconds(5)));
        await ShowsAsync(company, [1, 2], SubscriptionStatus.Pending, NewsletterOption.AwaitingConfirmation);

        await fixture.Grains.AcceptMaileonAsync(company, Fact(MaileonEventKind.DoiConfirmed, T0.AddMinutes(1)));

        await ShowsAsync(company, [1, 2], SubscriptionStatus.Subscribed, NewsletterOption.Subscribed);
        Assert.Single(fixture.Addresses.Commands<AddressEffect.StartDoubleOptIn>(company));
        Assert.Equal([1L, 2L], (await fixture.Grains.Address(company, Email).GetView()).Persons);
    }

    [Fact]
    public async Task A_Maileon_unsubscribe_blocks_the_address_for_every_person_until_one_explicitly_asks_again()
    {
        var company = await TenantAsync();
        await fixture.Grains.Contact(company, 1).AcceptPerson(NewsletterSet(company, 1, NewsletterOption.Subscribe, Email, T0));
        await fixture.Grains.Contact(company, 2).AcceptPerson(PersonWithAddress(company, 2, Email, T0.AddSeconds(1)));
        // The persons tell their address after they acknowledged: a confirmation can only follow the mail.
        await ShowsAsync(company, [1, 2], SubscriptionStatus.Pending, NewsletterOption.AwaitingConfirmation);
        await fixture.Grains.AcceptMaileonAsync(company, Fact(MaileonEventKind.DoiConfirmed, T0.AddMinutes(1)));
        await ShowsAsync(company, [1, 2], SubscriptionStatus.Subscribed, NewsletterOption.Subscribed);

        await fixture.Grains.AcceptMaileonAsync(company, Fact(MaileonEventKind.Unsubscribed, T0.AddMinutes(2)));
        await ShowsAsync(company, [1, 2], SubscriptionStatus.Unsubscribed, NewsletterOption.Unsubscribed);

        // A late confirmation and reconciliation's copy of it never lift the block; no call to Maileon subscribes again.
        await fixture.Grains.AcceptMaileonAsync(company, Fact(MaileonEventKind.DoiConfirmed, T0.AddMinutes(3)));
        await fixture.Grains.ReconcileMaileonAsync(company, Fact(MaileonEventKind.DoiConfirmed, T0.AddMinutes(4)));
        Assert.Equal(SubscriptionStatus.Unsubscribed, (await fixture.Grains.Address(company, Email).GetView()).Status);
        Assert.Single(fixture.Addresses.Commands<AddressEffect.StartDoubleOptIn>(company));

        // Person 2 explicitly asks again, later: one new double opt-in for the address, shown on both persons.
        await fixture.Grains.Contact(company, 2).AcceptPerson(NewsletterSet(company, 2, NewsletterOption.Subscribe, Email, T0.AddMinutes(5)));
        await ShowsAsync(company, [1, 2], SubscriptionStatus.Pending, NewsletterOption.AwaitingConfirmation);
        Assert.Equal(2, fixture.Addresses.Commands<AddressEffect.StartDoubleOptIn>(company).Count);
    }

    [Fact]
    public async Task Tenants_sharing_a_Maileon_account_see_each_others_unsubscribe_of_a_shared_address_and_nothing_else()
    {
        var first = await TenantAsync();
        var second = await TenantAsync();
        await fixture.Grains.Contact(first, 1).AcceptPerson(NewsletterSet(first, 1, NewsletterOption.Subscribe, Email, T0));
        await fixture.Grains.Contact(second, 5).AcceptPerson(PersonWithAddress(second, 5, Email, T0));
        await ShowsAsync(first, [1], SubscriptionStatus.Pending, NewsletterOption.AwaitingConfirmation);
        await Eventually.MatchesAsync(fixture.Grains.Address(second, Email).GetView, v => v.Persons.Contains(5));

        // The confirmation of the first tenant's double opt-in reaches both registrations: only the first subscribes.
        await fixture.Grains.AcceptMaileonAsync(first, Fact(MaileonEventKind.DoiConfirmed, T0.AddMinutes(1)));
        Assert.Equal(IngressStatus.Accepted, (await fixture.Grains.AcceptMaileonAsync(second, Fact(MaileonEventKind.DoiConfirmed, T0.AddMinutes(1)))).Status);
        await ShowsAsync(first, [1], SubscriptionStatus.Subscribed, NewsletterOption.Subscribed);
        Assert.Equal(SubscriptionStatus.None, (await fixture.Grains.Contact(second, 5).GetView()).Status);

        // Maileon's unsubscribe of the one contact reaches both tenants' persons.
        await fixture.Grains.AcceptMaileonAsync(first, Fact(MaileonEventKind.Unsubscribed, T0.AddMinutes(2)));
        await fixture.Grains.AcceptMaileonAsync(second, Fact(MaileonEventKind.Unsubscribed, T0.AddMinutes(2)));
        await ShowsAsync(first, [1], SubscriptionStatus.Unsubscribed, NewsletterOption.Unsubscribed);
        await ShowsAsync(second, [5], SubscriptionStatus.Unsubscribed, NewsletterOption.Unsubscribed);
        Assert.Empty(fixture.Addresses.For(second));
    }

    [Fact]
    public async Task A_Maileon_fact_for_an_address_no_person_of_the_tenant_has_changes_nothing_and_one_without_a_usable_address_names_nobody()
    {
        var company = await TenantAsync();

        var confirmed = await fixture.Grains.AcceptMaileonAsync(company, Fact(MaileonEventKind.DoiConfirmed, T0));
        var invalid = await fixture.Grains.AcceptMaileonAsync(company, Fact(MaileonEventKind.Unsubscribed, T0) with { Email = "Max <max@example.com>" });

        Assert.Equal(IngressStatus.Ignored, confirmed.Status);
        Assert.Equal(IngressStatus.Ignored, invalid.Status);
        Assert.Equal(SubscriptionStatus.None, (await fixture.Grains.Address(company, Email).GetView()).Status);
    }

    [Fact]
    public async Task Persons_stored_with_their_own_consent_keep_it_and_merge_on_their_shared_address()
    {
        var company = await TenantAsync();
        await StoreLegacyPersonAsync(company, 1, SubscriptionStatus.Subscribed, T0);
        await StoreLegacyPersonAsync(company, 2, SubscriptionStatus.Unsubscribed, T0.AddMinutes(1));
        await StoreLegacyPersonAsync(company, 3, SubscriptionStatus.Subscribed, T0, "solo@example.com");

        // Activation hands the consent over (a sweeper wake, a webhook or a read all activate).
        foreach (var person in new long[] { 1, 2, 3 })
        {
            await fixture.Grains.Contact(company, person).GetView();
        }

        // The later unsubscribe wins for the shared address; the person alone on its address keeps its subscription.
        await ShowsAsync(company, [1], SubscriptionStatus.Unsubscribed, NewsletterOption.Unsubscribed);
        await Eventually.MatchesAsync(fixture.Grains.Contact(company, 2).GetView, v => v.Status == SubscriptionStatus.Unsubscribed);
        await Eventually.MatchesAsync(fixture.Grains.Contact(company, 3).GetView, v => v.Status == SubscriptionStatus.Subscribed);
        Assert.Equal([1L, 2L], (await fixture.Grains.Address(company, Email).GetView()).Persons);
        // Person 3 shows its kept status at once; its address learns it from the person's outbox, a moment later.
        await Eventually.MatchesAsync(fixture.Grains.Address(company, "solo@example.com").GetView, v => v.Status == SubscriptionStatus.Subscribed && v.Persons.SequenceEqual([3L]));
        Assert.Empty(fixture.Addresses.For(company));
    }

    private Task StoreLegacyPersonAsync(long company, long person, SubscriptionStatus status, DateTimeOffset at, string email = Email)
    {
        var state = new ContactState
        {
            Subscription = new SubscriptionState
            {
                Status = status,
                Email = email,
                StatusSince = at,
                LastRequestAt = at,
                UnsubscribedAt = status == SubscriptionStatus.Unsubscribed ? at : null,
            },
            Person = new KnownPerson { Name = $"Person {person}", PrimaryEmail = email, EmailKnown = true, DataAt = at },
            WrittenOption = SubscriptionStateMachine.OptionFor(status),
        };
        var id = GrainId.Create(GrainType.Create(GrainTypes.Contact), GrainIdKeyExtensions.CreateIntegerKey(person, CompanyKey.Format(company)));
        return StoredStates.WriteAsync(fixture.Silo, id, GrainTypes.Contact, state);
    }

    private async Task<long> TenantAsync()
    {
        var company = ProductClusterFixture.NewCompany();
        await fixture.SetUpTenantAsync(company);
        return company;
    }

    private static MaileonEvent Fact(MaileonEventKind kind, DateTimeOffset at) => new()
    {
        Kind = kind,
        Email = Email,
        ExternalId = "shop-4711",
        Timestamp = at,
        EventId = $"maileon:{kind}:{at.ToUnixTimeMilliseconds()}",
    };

    /// <summary>A person edited without touching the Newsletter field: it joins its address.</summary>
    private static PersonEvent PersonWithAddress(long companyId, long personId, string email, DateTimeOffset at) => new(
        Meta(companyId, personId, PipedriveAction.Change, at),
        new PersonSnapshot
        {
            Id = personId,
            Name = $"Person {personId}",
            PrimaryEmail = email,
            Emails = [email],
            UpdateTime = at,
            PresentFields = new HashSet<string>(StringComparer.Ordinal) { "name", "emails" },
        },
        new PersonSnapshot { Id = personId, Name = "Before" });

    private async Task ShowsAsync(long company, long[] persons, SubscriptionStatus status, NewsletterOption field)
    {
        foreach (var person in persons)
        {
            await Eventually.MatchesAsync(fixture.Grains.Contact(company, person).GetView, v => v.Status == status);
            await Eventually.TrueAsync(
                () => fixture.Contacts.For(company).Where(r => r.Key.EntityId == person).Select(r => r.Command).OfType<ContactEffect.SetNewsletterField>().LastOrDefault()?.Option == field,
                $"person {person}'s Newsletter field shows {field}");
        }
    }
}
