using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.GrainTests.Infrastructure;
using static PipedriveMaileon.GrainTests.Contacts.ContactDefaults;

namespace PipedriveMaileon.GrainTests.Contacts;

[Collection(ProductClusterCollection.Name)]
public sealed class ContactSyncGrainTests(ProductClusterFixture fixture)
{
    private const long Person = 77;
    private const string Email = "ada@example.com";
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    private FakeEffects<ContactEffect> Effects => fixture.Contacts;

    [Fact]
    public async Task A_subscribe_request_starts_the_DOI_with_the_persons_data_and_then_shows_awaiting_confirmation()
    {
        var (company, contact) = await NewContactAsync();

        var outcome = await contact.AcceptPerson(NewsletterSet(company, Person, NewsletterOption.Subscribe, Email, T0));

        Assert.Equal(IngressStatus.Accepted, outcome.Status);
        await FieldBecomesAsync(company, NewsletterOption.AwaitingConfirmation);
        var doi = Assert.Single(fixture.Contacts.For(company), r => r.Command is ContactEffect.StartDoubleOptIn);
        var command = (ContactEffect.StartDoubleOptIn)doi.Command;
        Assert.Equal(Email, command.Email);
        Assert.Equal($"Person {Person}", command.Person.Name);
        Assert.Equal($"pipedrive:{company}:pipedrive-user:{AdminUserId}", command.Source);
        Assert.False(doi.Attempt.MayHaveRunBefore);
        Assert.Equal(SubscriptionStatus.Pending, (await contact.GetView()).Status);
        await LedgerIsAsync(company, "None->Pending", "Pending->Pending");
    }

    [Fact]
    public async Task A_DOI_confirmation_from_Maileon_subscribes_the_person()
    {
        var (company, contact) = await SubscribedAsync();

        Assert.Equal(SubscriptionStatus.Subscribed, (await contact.GetView()).Status);
        await FieldBecomesAsync(company, NewsletterOption.Subscribed);
        await LedgerIsAsync(company, "None->Pending", "Pending->Pending", "Pending->Subscribed");
    }

    [Fact]
    public async Task Unsubscribing_in_Pipedrive_unsubscribes_the_address_in_Maileon()
    {
        var (company, contact) = await SubscribedAsync();

        await contact.AcceptPerson(NewsletterSet(company, Person, NewsletterOption.Unsubscribed, Email, T0.AddMinutes(5)));

        await Eventually.TrueAsync(() => Effects.Commands<ContactEffect.Unsubscribe>(company).Any(u => u.Email == Email), "unsubscribe call");
        Assert.Equal(SubscriptionStatus.Unsubscribed, (await contact.GetView()).Status);
        await LedgerIsAsync(company, "None->Pending", "Pending->Pending", "Pending->Subscribed", "Subscribed->Unsubscribed", "Unsubscribed->Unsubscribed");
    }

    [Fact]
    public async Task A_DOI_that_failed_transiently_is_retried_and_the_retry_knows_an_earlier_attempt_may_have_reached_Maileon()
    {
        var (company, contact) = await NewContactAsync();
        Effects.Script(company, EffectOutcome.Retry("StartDoubleOptIn: HTTP 503"));

        await contact.AcceptPerson(NewsletterSet(company, Person, NewsletterOption.Subscribe, Email, T0));

        await FieldBecomesAsync(company, NewsletterOption.AwaitingConfirmation);
        var attempts = fixture.Contacts.For(company).Where(r => r.Command is ContactEffect.StartDoubleOptIn).ToList();
        Assert.Equal([false, true], attempts.Select(a => a.Attempt.MayHaveRunBefore));
        Assert.Contains(fixture.Journal.Activity(company), a => a.Level == ActivityLevel.Warning && a.Message.Contains("retrying automatically", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_DOI_is_parked_where_the_settings_page_shows_it_until_someone_retries()
    {
        var (company, contact) = await NewContactAsync();
        Effects.Script(company, EffectOutcome.Fail("StartDoubleOptIn: HTTP 400 invalid email"));

        await contact.AcceptPerson(NewsletterSet(company, Person, NewsletterOption.Subscribe, Email, T0));
        var parked = await Eventually.MatchesAsync(contact.GetView, v => v.ParkedEffects == 1);

        Assert.Equal("StartDoubleOptIn: HTTP 400 invalid email", parked.LastError);
        await LedgerIsAsync(company, "None->Pending", "Pending->Pending");
        Assert.Contains(fixture.Journal.Ledger(company, Person), l => l.Detail!.StartsWith("Maileon call failed", StringComparison.Ordinal));

        Assert.Equal(1, await contact.RetryParked());
        await FieldBecomesAsync(company, NewsletterOption.AwaitingConfirmation);
        Assert.Equal(0, (await contact.GetView()).ParkedEffects);
    }

    [Fact]
    public async Task Missing_credentials_hold_the_work_without_parking_and_renewed_credentials_resume_it_at_once()
    {
        var (company, contact) = await NewContactAsync();
        Effects.Script(company, EffectOutcome.WaitForCredentials("StartDoubleOptIn: credentials refused (HTTP 401); waiting for the admin"));

        await contact.AcceptPerson(NewsletterSet(company, Person, NewsletterOption.Subscribe, Email, T0));
        // The outcome is recorded (and its log line copied) by the outbox step after the call: wait for the line too.
        var waiting = await Eventually.MatchesAsync(contact.GetView, v => Effects.For(company).Count == 1 && v.PendingEffects == 1
            && fixture.Journal.Activity(company).Any(a => a.Message.Contains("at once when the app is reconnected", StringComparison.Ordinal)));

        Assert.Equal(0, waiting.ParkedEffects);
        Assert.Contains(fixture.Journal.Activity(company), a => a.Message.Contains("at once when the app is reconnected", StringComparison.Ordinal));

        Assert.Equal(1, await contact.AsReference<IOutboxParticipant>().ResumeWaiting());
        await FieldBecomesAsync(company, NewsletterOption.AwaitingConfirmation);
    }

    [Fact]
    public async Task A_contact_that_already_confirmed_its_DOI_in_Maileon_is_subscribed_without_a_second_mail()
    {
        var (company, contact) = await NewContactAsync();
        Effects.Script(company, EffectOutcome.Done("contact already held a confirmed double opt-in; fields updated", new ContactEffectResult.DoiAlreadyConfirmed([])));

        await contact.AcceptPerson(NewsletterSet(company, Person, NewsletterOption.Subscribe, Email, T0));

        await FieldBecomesAsync(company, NewsletterOption.Subscribed);
        Assert.Equal(SubscriptionStatus.Subscribed, (await contact.GetView()).Status);
        Assert.DoesNotContain(Effects.Commands<ContactEffect.SetNewsletterField>(company), f => f.Option == NewsletterOption.AwaitingConfirmation);
    }

    [Fact]
    public async Task A_subscribe_without_a_known_address_reads_the_person_first()
    {
        var (company, contact) = await NewContactAsync();
        var read = new PersonSnapshot { Id = Person, Name = "Ada", PrimaryEmail = Email, Emails = [Email], UpdateTime = T0, PresentFields = new HashSet<string> { "name", "emails" } };
        Effects.Script(company, EffectOutcome.Done("person read", new ContactEffectResult.PersonRead(read)));

        await contact.AcceptPerson(NewsletterSet(company, Person, NewsletterOption.Subscribe, email: null, T0));

        await FieldBecomesAsync(company, NewsletterOption.AwaitingConfirmation);
        Assert.IsType<ContactEffect.ReadPerson>(Effects.For(company)[0].Command);
        Assert.Equal(Email, Assert.Single(Effects.Commands<ContactEffect.StartDoubleOptIn>(company)).Email);
    }

    [Fact]
    public async Task A_person_stored_by_the_previous_version_resumes_its_DOI_as_one_that_may_already_have_run()
    {
        var company = ProductClusterFixture.NewCompany();
        await fixture.SetUpTenantAsync(company);
        var personId = GrainId.Create(GrainType.Create(GrainTypes.Contact), GrainIdKeyExtensions.CreateIntegerKey(Person, CompanyKey.Format(company)));
        await StoredStates.SeedAsync<ContactState>(fixture.Silo, personId, GrainTypes.Contact, StoredStates.Captured("contact"));
        var contact = fixture.Grains.Contact(company, Person);

        // A crash left it there: the sweeper's wake activates it, and the work resumes.
        await contact.AsReference<IOutboxParticipant>().Wake();
        await FieldBecomesAsync(company, NewsletterOption.AwaitingConfirmation);

        var doi = Assert.Single(Effects.For(company), r => r.Command is ContactEffect.StartDoubleOptIn);
        Assert.True(doi.Attempt.MayHaveRunBefore);
        Assert.Equal(1, doi.Attempt.PreviousAttempts);
        Assert.Equal("ada@example.com", ((ContactEffect.StartDoubleOptIn)doi.Command).Email);
        Assert.Equal("Ada Lovelace", ((ContactEffect.StartDoubleOptIn)doi.Command).Person.Name);
        var view = await contact.GetView();
        Assert.Equal(SubscriptionStatus.Pending, view.Status);
        Assert.Equal(1, view.ParkedEffects);
        Assert.Equal("set Newsletter to AwaitingConfirmation: HTTP 400", view.LastError);
        // The journal entries it held reach their tables, and the ledger continues after them.
        await Eventually.TrueAsync(() => fixture.Journal.Activity(company).Any(a => a.EntryId == Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff")), "stored activity copied");
        await Eventually.TrueAsync(() => fixture.Journal.Ledger(company, Person).Select(l => l.Sequence).SequenceEqual([1, 2]), "ledger 1 and 2");
    }

    [Fact]
    public async Task The_person_a_webhook_showed_is_known_to_others_until_it_is_deleted()
    {
        var (company, contact) = await NewContactAsync();
        Assert.False((await contact.GetKnownPerson()).Known);

        await contact.AcceptPerson(NewsletterSet(company, Person, NewsletterOption.Subscribe, Email, T0));
        Assert.Equal(new KnownPersonFacts(true, $"Person {Person}", Email), await contact.GetKnownPerson());

        await contact.AcceptPerson(new PersonEvent(Meta(company, Person, PipedriveAction.Delete, T0.AddMinutes(1)), null, null));
        Assert.False((await contact.GetKnownPerson()).Known);
    }

    private async Task<(long Company, IContactSyncGrain Contact)> NewContactAsync()
    {
        var company = ProductClusterFixture.NewCompany();
        await fixture.SetUpTenantAsync(company);
        return (company, fixture.Grains.Contact(company, Person));
    }

    private async Task<(long Company, IContactSyncGrain Contact)> SubscribedAsync()
    {
        var (company, contact) = await NewContactAsync();
        await contact.AcceptPerson(NewsletterSet(company, Person, NewsletterOption.Subscribe, Email, T0));
        await FieldBecomesAsync(company, NewsletterOption.AwaitingConfirmation);
        Assert.Equal(IngressStatus.Accepted, (await contact.AcceptMaileon(FromMaileon(MaileonEventKind.DoiConfirmed, company, Person, Email, T0.AddMinutes(1)))).Status);
        await FieldBecomesAsync(company, NewsletterOption.Subscribed);
        return (company, contact);
    }

    private Task FieldBecomesAsync(long company, NewsletterOption option) =>
        Eventually.TrueAsync(() => Effects.Commands<ContactEffect.SetNewsletterField>(company).Any(f => f.Option == option), $"Newsletter set to {option}");

    private Task LedgerIsAsync(long company, params string[] transitions) =>
        Eventually.TrueAsync(
            () => fixture.Journal.Ledger(company, Person).Select(l => $"{l.FromStatus}->{l.ToStatus}").SequenceEqual(transitions),
            $"ledger {string.Join(", ", transitions)}; is {string.Join(", ", fixture.Journal.Ledger(company, Person).Select(l => $"{l.FromStatus}->{l.ToStatus}"))}");
}
