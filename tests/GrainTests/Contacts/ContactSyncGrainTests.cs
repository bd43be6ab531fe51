using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Identity;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Interfaces.Identity;
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

    /// <summary>The Maileon calls, which belong to the person's address (one per address, however many persons share it).</summary>
    private FakeEffects<AddressEffect> Maileon => fixture.Addresses;

    [Fact]
    public async Task A_subscribe_request_starts_the_DOI_with_the_persons_data_and_then_shows_awaiting_confirmation()
    {
        var (company, contact) = await NewContactAsync();

        var outcome = await contact.AcceptPerson(NewsletterSet(company, Person, NewsletterOption.Subscribe, Email, T0));

        Assert.Equal(IngressStatus.Accepted, outcome.Status);
        await FieldBecomesAsync(company, NewsletterOption.AwaitingConfirmation);
        var doi = Assert.Single(Maileon.For(company), r => r.Command is AddressEffect.StartDoubleOptIn);
        var command = (AddressEffect.StartDoubleOptIn)doi.Command;
        Assert.Equal(Email, command.Email);
        Assert.False(command.CheckFirst);
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

        await Eventually.TrueAsync(() => Maileon.Commands<AddressEffect.Unsubscribe>(company).Any(u => u.Email == Email), "unsubscribe call");
        Assert.Equal(SubscriptionStatus.Unsubscribed, (await contact.GetView()).Status);
        await LedgerIsAsync(company, "None->Pending", "Pending->Pending", "Pending->Subscribed", "Subscribed->Unsubscribed", "Unsubscribed->Unsubscribed");
    }

    [Fact]
    public async Task A_DOI_that_failed_transiently_is_retried_and_the_retry_knows_an_earlier_attempt_may_have_reached_Maileon()
    {
        var (company, contact) = await NewContactAsync();
        Maileon.Script(company, EffectOutcome.Retry("StartDoubleOptIn: HTTP 503"));

        await contact.AcceptPerson(NewsletterSet(company, Person, NewsletterOption.Subscribe, Email, T0));

        await FieldBecomesAsync(company, NewsletterOption.AwaitingConfirmation);
        var attempts = Maileon.For(company).Where(r => r.Command is AddressEffect.StartDoubleOptIn).ToList();
        Assert.Equal([false, true], attempts.Select(a => a.Attempt.MayHaveRunBefore));
        Assert.Contains(fixture.Journal.Activity(company), a => a.Level == ActivityLevel.Warning && a.Message.Contains("retrying automatically", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_DOI_is_parked_where_the_settings_page_shows_it_until_someone_retries()
    {
        var (company, contact) = await NewContactAsync();
        Maileon.Script(company, EffectOutcome.Fail("StartDoubleOptIn: HTTP 400 invalid email"));
        var address = fixture.Grains.Address(company, Email);

        await contact.AcceptPerson(NewsletterSet(company, Person, NewsletterOption.Subscribe, Email, T0));
        await Eventually.MatchesAsync(address.GetView, v => v.ParkedEffects == 1);

        await LedgerIsAsync(company, "None->Pending", "Pending->Pending");
        Assert.Contains(fixture.Journal.Ledger(company, Person), l => l.Detail!.StartsWith("Maileon call failed", StringComparison.Ordinal) && l.MaileonOutcome == "StartDoubleOptIn: HTTP 400 invalid email");
        Assert.Contains(fixture.Journal.Activity(company), a => a.Level == ActivityLevel.Error && a.Message.Contains("HTTP 400 invalid email", StringComparison.Ordinal));

        Assert.Equal(1, await address.RetryParked());
        await FieldBecomesAsync(company, NewsletterOption.AwaitingConfirmation);
        Assert.Equal(0, (await address.GetView()).ParkedEffects);
    }

    [Fact]
    public async Task Missing_credentials_hold_the_work_without_parking_and_renewed_credentials_resume_it_at_once()
    {
        var (company, contact) = await NewContactAsync();
        Maileon.Script(company, EffectOutcome.WaitForCredentials("StartDoubleOptIn: credentials refused (HTTP 401); waiting for the admin"));
        var address = fixture.Grains.Address(company, Email);

        await contact.AcceptPerson(NewsletterSet(company, Person, NewsletterOption.Subscribe, Email, T0));
        // The outcome is recorded (and its log line copied) by the outbox step after the call: wait for the line too.
        var waiting = await Eventually.MatchesAsync(address.GetView, v => Maileon.For(company).Count == 1 && v.PendingEffects == 1
            && fixture.Journal.Activity(company).Any(a => a.Message.Contains("at once when the app is reconnected", StringComparison.Ordinal)));

        Assert.Equal(0, waiting.ParkedEffects);
        
        Assert.Equal(1, await address.AsReference<IOutboxParticipant>().ResumeWaiting());
        await FieldBecomesAsync(company, NewsletterOption.AwaitingConfirmation);
    }

    [Fact]
    public async Task A_contact_that_already_confirmed_its_DOI_in_Maileon_is_subscribed_without_a_second_mail()
    {
        var (company, contact) = await NewContactAsync();
        Maileon.Script(company, EffectOutcome.Done("contact already held a confirmed double opt-in; fields updated", new AddressEffectResult.DoiAlreadyConfirmed([])));

        await contact.AcceptPerson(NewsletterSet(company, Person, NewsletterOption.Subscribe, Email, T0));

        await FieldBecomesAsync(company, NewsletterOption.Subscribed);
        Assert.Equal(SubscriptionStatus.Subscribed, (await contact.GetView()).Status);
        Assert.DoesNotContain(Effects.Commands<ContactEffect.SetNewsletterField>(company), f => f.Option == NewsletterOption.AwaitingConfirmation);
    }

    [Fact]
    public async Task A_change_made_while_the_DOI_was_on_its_way_reaches_the_contact_once_Maileon_has_it()
    {
        var company = await RenameWhileTheDoiIsOnItsWayAsync(T0.AddMinutes(1));
        await FieldBecomesAsync(company, NewsletterOption.AwaitingConfirmation);
    }

    [Fact]
    public async Task A_rename_in_the_same_millisecond_as_the_subscribe_still_reaches_the_contact_once_Maileon_has_it()
    {
        // Pipedrive's timestamps are milliseconds: the rename carries the subscribe's, and its previous name is the one known.
        var company = await RenameWhileTheDoiIsOnItsWayAsync(T0);
        Assert.Equal($"Person {Person}", Maileon.Commands<AddressEffect.StartDoubleOptIn>(company).Single().Person.Name);
    }

    [Fact]
    public async Task Older_events_of_the_same_millisecond_arriving_after_a_rename_do_not_bring_the_old_name_back()
    {
        var (company, contact) = await NewContactAsync();
        var present = new HashSet<string>(StringComparer.Ordinal) { "name", "emails" };
        var subscribed = new Dictionary<string, PersonFieldValue> { [NewsletterKey] = new() { OptionId = Newsletter.OptionIds[NewsletterOption.Subscribe] } };
        var renamed = new PersonEvent(
            Meta(company, Person, PipedriveAction.Change, T0),
            new PersonSnapshot { Id = Person, Name = "Ada Renamed", PrimaryEmail = Email, Emails = [Email], UpdateTime = T0, PresentFields = present, CustomFields = subscribed },
            new PersonSnapshot { Id = Person, Name = $"Person {Person}", PresentFields = new HashSet<string>(StringComparer.Ordinal) { "name" } });
        var created = new PersonEvent(
            Meta(company, Person, PipedriveAction.Create, T0),
            new PersonSnapshot { Id = Person, Name = $"Person {Person}", PrimaryEmail = Email, Emails = [Email], UpdateTime = T0, PresentFields = present },
            null);

        await contact.AcceptPerson(renamed);
        await contact.AcceptPerson(created);
        await contact.AcceptPerson(NewsletterSet(company, Person, NewsletterOption.Subscribe, Email, T0));

        await Eventually.TrueAsync(() => Maileon.Commands<AddressEffect.StartDoubleOptIn>(company).Count == 1, "the double opt-in");
        Assert.Equal("Ada Renamed", Maileon.Commands<AddressEffect.StartDoubleOptIn>(company).Single().Person.Name);
        Assert.Equal(new KnownPersonFacts(true, "Ada Renamed", Email), await contact.GetKnownPerson());
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
        Assert.Equal(Email, Assert.Single(Maileon.Commands<AddressEffect.StartDoubleOptIn>(company)).Email);
    }

    [Fact]
    public async Task A_person_stored_by_the_previous_version_hands_its_DOI_to_its_address_as_one_that_may_already_have_run()
    {
        var company = ProductClusterFixture.NewCompany();
        await fixture.SetUpTenantAsync(company);
        var personId = GrainId.Create(GrainType.Create(GrainTypes.Contact), GrainIdKeyExtensions.CreateIntegerKey(Person, CompanyKey.Format(company)));
        await StoredStates.SeedAsync<ContactState>(fixture.Silo, personId, GrainTypes.Contact, StoredStates.Captured("contact"));
        var contact = fixture.Grains.Contact(company, Person);

        // A crash left it there: the sweeper's wake activates it, and the work resumes.
        await contact.AsReference<IOutboxParticipant>().Wake();
        await FieldBecomesAsync(company, NewsletterOption.AwaitingConfirmation);

        // The person's consent now belongs to its address, which checks Maileon before sending (the old attempt may have run).
        var doi = (AddressEffect.StartDoubleOptIn)Assert.Single(Maileon.For(company), r => r.Command is AddressEffect.StartDoubleOptIn).Command;
        Assert.True(doi.CheckFirst);
        Assert.Equal("ada@example.com", doi.Email);
        Assert.Equal("Ada Lovelace", doi.Person.Name);
        Assert.Equal(SubscriptionStatus.Pending, (await fixture.Grains.Address(company, "ada@example.com").GetView()).Status);
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

    /// <summary>
    /// Subscribes at <see cref="T0"/>, renames at <paramref name="renamedAt"/> while Maileon holds the DOI back, then lets
    /// it through: the rename's own update races the contact's creation (Maileon would answer 404), so the contact must
    /// get the name in a second update once it exists.
    /// </summary>
    private async Task<long> RenameWhileTheDoiIsOnItsWayAsync(DateTimeOffset renamedAt)
    {
        var (company, contact) = await NewContactAsync();
        using var release = new ManualResetEventSlim();
        Maileon.Script(company, _ => release.Wait(TimeSpan.FromSeconds(20))
            ? EffectOutcome.Done("contact created; DOI mail requested", new AddressEffectResult.DoiRequested([]))
            : EffectOutcome.Retry("the test never released the DOI"));

        await contact.AcceptPerson(NewsletterSet(company, Person, NewsletterOption.Subscribe, Email, T0));
        await Eventually.MatchesAsync(contact.GetView, v => v.Status == SubscriptionStatus.Pending && Maileon.Commands<AddressEffect.StartDoubleOptIn>(company).Count == 1);
        await contact.AcceptPerson(Renamed(company, "Ada Renamed", renamedAt));
        await Eventually.TrueAsync(() => Updates(company).Count == 1, "the rename's own update");
        release.Set();

        await Eventually.TrueAsync(() => Updates(company).Count == 2 && Updates(company)[1].Person.Name == "Ada Renamed", "an update once the contact exists");
        return company;
    }

    private async Task<(long Company, IContactSyncGrain Contact)> SubscribedAsync()
    {
        var (company, contact) = await NewContactAsync();
        await contact.AcceptPerson(NewsletterSet(company, Person, NewsletterOption.Subscribe, Email, T0));
        await FieldBecomesAsync(company, NewsletterOption.AwaitingConfirmation);
        Assert.Equal(IngressStatus.Accepted, (await fixture.Grains.AcceptMaileonAsync(company, FromMaileon(MaileonEventKind.DoiConfirmed, company, Person, Email, T0.AddMinutes(1)))).Status);
        await FieldBecomesAsync(company, NewsletterOption.Subscribed);
        return (company, contact);
    }

    private IReadOnlyList<ContactEffect.UpdateContact> Updates(long company) => Effects.Commands<ContactEffect.UpdateContact>(company);

    private static PersonEvent Renamed(long company, string name, DateTimeOffset at) => new(
        Meta(company, Person, PipedriveAction.Change, at),
        new PersonSnapshot { Id = Person, Name = name, UpdateTime = at, PresentFields = new HashSet<string>(StringComparer.Ordinal) { "name" } },
        new PersonSnapshot { Id = Person, Name = $"Person {Person}" });

    private Task FieldBecomesAsync(long company, NewsletterOption option) =>
        Eventually.TrueAsync(() => Effects.Commands<ContactEffect.SetNewsletterField>(company).Any(f => f.Option == option), $"Newsletter set to {option}");

    private Task LedgerIsAsync(long company, params string[] transitions) =>
        Eventually.TrueAsync(
            () => fixture.Journal.Ledger(company, Person).Select(l => $"{l.FromStatus}->{l.ToStatus}").SequenceEqual(transitions),
            $"ledger {string.Join(", ", transitions)}; is {string.Join(", ", fixture.Journal.Ledger(company, Person).Select(l => $"{l.FromStatus}->{l.ToStatus}"))}");
}
