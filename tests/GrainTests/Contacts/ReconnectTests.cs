using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Identity;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Identity;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.GrainTests.Infrastructure;
using static PipedriveMaileon.GrainTests.Contacts.ContactDefaults;

namespace PipedriveMaileon.GrainTests.Contacts;

/// <summary>
/// Work that waits for the admin across hours of simulated time: waiting is not failing, so nothing parks however long
/// the admin takes, and the reconnect itself puts the work back in line (not the next periodic check).
/// </summary>
[Collection(FakeClockClusterCollection.Name)]
public sealed class ReconnectTests(FakeClockClusterFixture fixture)
{
    private const long Person = 77;
    private const string Email = "ada@example.com";
    private static readonly TimeSpan Gap = TimeSpan.FromHours(3);

    private FakeEffects<ContactEffect> Effects => fixture.Contacts;

    /// <summary>The address's Maileon calls: the unsubscribe is its work (consent belongs to the address).</summary>
    private FakeEffects<AddressEffect> Maileon => fixture.Addresses;

    [Fact]
    public async Task An_unsubscribe_pending_across_a_three_hour_re_authorisation_gap_is_sent_right_after_the_reconnect()
    {
        var company = ProductClusterFixture.NewCompany();
        await fixture.SetUpTenantAsync(company, t => t.Status = TenantStatus.NeedsReauthorization);
        var contact = fixture.Grains.Contact(company, Person);
        var address = fixture.Grains.Address(company, Email);
        fixture.WorkIndex.Person(company, Person);
        fixture.WorkIndex.Address(company, Email);
        await SubscribeAsync(company, contact);

        // While the app is disconnected every attempt is told to wait for the admin (as the real handler answers when
        // the credentials are missing or refused); once reconnected, Maileon takes the unsubscribe.
        var connected = false;
        DateTimeOffset? sentAt = null;
        Maileon.Script(company, Enumerable.Repeat<Func<EffectRequest<AddressEffect>, EffectOutcome>>(request =>
        {
            if (!connected)
            {
                return EffectOutcome.WaitForCredentials($"{request.Command.What}: the app needs to be reconnected; waiting for the admin");
            }

            if (request.Command is not AddressEffect.Unsubscribe)
            {
                return Outcome(request);
            }

            sentAt ??= fixture.Clock.GetUtcNow();
            return EffectOutcome.Done("unsubscribed in Maileon");
        }, 200).ToArray());

        var unsubscribedAt = fixture.Clock.GetUtcNow();
        Assert.Equal(IngressStatus.Accepted, (await contact.AcceptPerson(NewsletterSet(company, Person, NewsletterOption.Unsubscribed, Email, unsubscribedAt))).Status);
        await Eventually.TrueAsync(() => Maileon.Commands<AddressEffect.Unsubscribe>(company).Count == 1, "first unsubscribe attempt");

        // Three hours pass on the silo's clock: the outbox checks about every 10 minutes and keeps waiting.
        await fixture.AdvanceAsync(Gap, TimeSpan.FromMinutes(1));
        var waited = await address.GetView();
        var attemptsDuringGap = Maileon.Commands<AddressEffect.Unsubscribe>(company).Count;
        // More checks than the attempts after which a failing effect parks (4 here): waiting is not failing.
        Assert.True(attemptsDuringGap > 4, $"the outbox kept checking through the gap: {attemptsDuringGap} attempts");
        Assert.Equal(0, waited.ParkedEffects);
        Assert.Equal(1, waited.PendingEffects);
        Assert.Null(sentAt);

        // The admin re-authorises: the reconnect itself resumes the waiting unsubscribe; the clock stands still, so no
        // periodic check can be what sends it.
        connected = true;
        var reconnectedAt = fixture.Clock.GetUtcNow();
        Assert.True((await fixture.Grains.Tenant(company).Install(Grant(company))).Succeeded);
        await Eventually.MatchesAsync(address.GetView, v => sentAt is not null && v.PendingEffects == 0 && v.ParkedEffects == 0);

        Assert.Equal(reconnectedAt, sentAt);
        Assert.True(reconnectedAt - unsubscribedAt >= Gap);
        Assert.Equal(SubscriptionStatus.Unsubscribed, (await contact.GetView()).Status);
        Assert.Equal(attemptsDuringGap + 1, Maileon.Commands<AddressEffect.Unsubscribe>(company).Count);
    }

    /// <summary>Subscribe and confirm, so the person has something to unsubscribe from.</summary>
    private async Task SubscribeAsync(long company, IContactSyncGrain contact)
    {
        var now = fixture.Clock.GetUtcNow();
        await contact.AcceptPerson(NewsletterSet(company, Person, NewsletterOption.Subscribe, Email, now));
        await fixture.AdvanceAsync(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1),
            () => Effects.Commands<ContactEffect.SetNewsletterField>(company).Any(f => f.Option == NewsletterOption.AwaitingConfirmation));
        await fixture.Grains.AcceptMaileonAsync(company, FromMaileon(MaileonEventKind.DoiConfirmed, company, Person, Email, now.AddSeconds(30)));
        await fixture.AdvanceAsync(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1),
            () => Effects.Commands<ContactEffect.SetNewsletterField>(company).Any(f => f.Option == NewsletterOption.Subscribed));
        await Eventually.MatchesAsync(contact.GetView, v => v.Status == SubscriptionStatus.Subscribed && v.PendingEffects == 0);
    }

    private InstallationGrant Grant(long company) => new()
    {
        CompanyId = company,
        CompanyName = "Acme",
        UserId = AdminUserId,
        UserName = "Ada Admin",
        ApiBase = new Uri("http://127.0.0.1:9/"),
        AccessToken = fixture.Secrets.Protect("access"),
        RefreshToken = fixture.Secrets.Protect("refresh"),
        AccessTokenExpiresAt = fixture.Clock.GetUtcNow().AddHours(1),
        Scopes = ["base"],
    };
}
