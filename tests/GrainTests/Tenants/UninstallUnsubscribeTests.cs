using PipedriveMaileon.Grains.Identity;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Identity;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.GrainTests.Infrastructure;
using static PipedriveMaileon.GrainTests.Contacts.ContactDefaults;

namespace PipedriveMaileon.GrainTests.Tenants;

[Collection(ProductClusterCollection.Name)]
public sealed class UninstallUnsubscribeTests(ProductClusterFixture fixture)
{
    private const long Waiting = 77;
    private const long Refused = 78;
    private const string RefusedEmail = "p78@example.com";

    private FakeEffects<AddressEffect> Maileon => fixture.Addresses;

    [Fact]
    public async Task An_uninstall_sends_the_pending_unsubscribes_before_the_key_is_deleted_and_reports_those_it_could_not()
    {
        var company = ProductClusterFixture.NewCompany();
        await fixture.SetUpTenantAsync(company);
        await SubscribedAsync(company, Waiting);
        await SubscribedAsync(company, Refused);
        fixture.WorkIndex.Person(company, Waiting);
        fixture.WorkIndex.Person(company, Refused);

        // One unsubscribe waits for Maileon to accept the key again; the other Maileon refused for good (parked).
        ConnectionState? keyWhenSent = null;
        var tried = 0;
        Maileon.ScriptAsync(company, Enumerable.Repeat<Func<EffectRequest<AddressEffect>, Task<EffectOutcome>>>(async request =>
        {
            switch (request)
            {
                case { Command: AddressEffect.Unsubscribe { Email: RefusedEmail } }:
                    return EffectOutcome.Fail("Unsubscribe: HTTP 400 invalid address");
                case { Command: AddressEffect.Unsubscribe } when Interlocked.Increment(ref tried) == 1:
                    return EffectOutcome.WaitForCredentials("Unsubscribe: Maileon refused the API key (401); waiting for the admin");
                case { Command: AddressEffect.Unsubscribe }:
                    // What the tenant holds at the moment Maileon is called.
                    keyWhenSent = (await fixture.Grains.Tenant(company).GetConnection()).MaileonApiKey is null ? ConnectionState.KeyDeleted : ConnectionState.KeyHeld;
                    return EffectOutcome.Done("unsubscribed in Maileon");
                default:
                    return Outcome(request);
            }
        }, 20).ToArray());
        await UnsubscribeAsync(company, Waiting);
        await UnsubscribeAsync(company, Refused);
        // The unsubscribes are the addresses' work (consent belongs to the address).
        await Eventually.MatchesAsync(() => fixture.Grains.Address(company, $"p{Waiting}@example.com").GetView(), v => v.PendingEffects == 1 && tried == 1);
        await Eventually.MatchesAsync(() => fixture.Grains.Address(company, RefusedEmail).GetView(), v => v.ParkedEffects == 1);

        var report = await fixture.Grains.TenantSetup(company).Uninstall(new UninstallRequest(UninstallSource.SettingsPage, AdminUserId, DateTimeOffset.UtcNow));

        // The waiting one went out while the tenant still held its Maileon key; the refused one is listed.
        Assert.Equal(1, report.UnsubscribesSent);
        Assert.Equal(ConnectionState.KeyHeld, keyWhenSent);
        var notSent = Assert.Single(report.NotSent);
        Assert.Equal((Refused, $"p{Refused}@example.com", true), (notSent.PersonId, notSent.Email, notSent.Parked));
        Assert.Contains("HTTP 400", notSent.LastError, StringComparison.Ordinal);
        Assert.Null((await fixture.Grains.Tenant(company).GetConnection()).MaileonApiKey);
        await Eventually.TrueAsync(() => fixture.Journal.Activity(company).Any(a =>
            a.Message.Contains("1 pending unsubscribe(s) were sent to Maileon first. 1 could not be sent", StringComparison.Ordinal)
            && a.Message.Contains($"p{Refused}@example.com", StringComparison.Ordinal)), "uninstall report in the activity log");
        // Both addresses tell their persons through their outboxes, after the uninstall has its answer: the refused
        // one its failure (into the person's ledger), the waiting one the call that went out (its last pending work).
        await Eventually.TrueAsync(() => fixture.Journal.Ledger(company, Refused).Any(l => l.MaileonOutcome == "Unsubscribe: HTTP 400 invalid address"), "the refusal in the person's ledger");
        await Eventually.MatchesAsync(() => fixture.Grains.Address(company, $"p{Waiting}@example.com").GetView(), v => v.PendingEffects == 0);
    }

    private async Task SubscribedAsync(long company, long person)
    {
        var contact = fixture.Grains.Contact(company, person);
        var email = $"p{person}@example.com";
        var at = DateTimeOffset.UtcNow;
        await contact.AcceptPerson(NewsletterSet(company, person, NewsletterOption.Subscribe, email, at));
        await Eventually.MatchesAsync(contact.GetView, v => v.PendingEffects == 0 && v.Status == SubscriptionStatus.Pending);
        await fixture.Grains.AcceptMaileonAsync(company, FromMaileon(MaileonEventKind.DoiConfirmed, company, person, email, at.AddSeconds(1)));
        await Eventually.MatchesAsync(contact.GetView, v => v.PendingEffects == 0 && v.Status == SubscriptionStatus.Subscribed);
    }

    private async Task UnsubscribeAsync(long company, long person) =>
        Assert.Equal(IngressStatus.Accepted, (await fixture.Grains.Contact(company, person)
            .AcceptPerson(NewsletterSet(company, person, NewsletterOption.Unsubscribed, $"p{person}@example.com", DateTimeOffset.UtcNow.AddSeconds(5)))).Status);

    private enum ConnectionState
    {
        KeyHeld,
        KeyDeleted,
    }
}
