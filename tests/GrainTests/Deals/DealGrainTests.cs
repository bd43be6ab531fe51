using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Deals;
using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Deals;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.GrainTests.Infrastructure;

namespace PipedriveMaileon.GrainTests.Deals;

[Collection(ProductClusterCollection.Name)]
public sealed class DealGrainTests(ProductClusterFixture fixture)
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    private FakeEffects<DealEffect> Effects => fixture.Deals;

    [Fact]
    public async Task Create_change_and_delete_are_sent_once_each_in_order()
    {
        var company = await NewTenantAsync();
        var deal = fixture.Grains.Deal(company, 42);

        Assert.Equal(IngressStatus.Accepted, (await deal.Accept(Event(company, 42, "e1", PipedriveAction.Create, 0))).Status);
        Assert.Equal(IngressStatus.Duplicate, (await deal.Accept(Event(company, 42, "e1", PipedriveAction.Create, 0))).Status);
        Assert.Equal(IngressStatus.Accepted, (await deal.Accept(Event(company, 42, "e2", PipedriveAction.Change, 5, title: "Renamed"))).Status);
        Assert.Equal(IngressStatus.Accepted, (await deal.Accept(Event(company, 42, "e3", PipedriveAction.Delete, 9))).Status);
        Assert.Equal(IngressStatus.Ignored, (await deal.Accept(Event(company, 42, "e-late", PipedriveAction.Change, 7))).Status);

        var view = await Eventually.MatchesAsync(deal.GetView, v => v.Sent == 3 && v.Pending == 0);
        Assert.True(view.Deleted);
        var sent = Effects.For(company).Select(r => r.Command.Work).ToList();
        Assert.Equal([DealWorkKind.Added, DealWorkKind.Updated, DealWorkKind.Deleted], sent.Select(w => w.Kind));
        Assert.Equal("Renamed", sent[1].Deal.Title);
        Assert.Equal(T0.AddSeconds(5), sent[1].OccurredAt);
        await Eventually.TrueAsync(() => fixture.Journal.Activity(company).Count(a => a.Area == "deals" && a.Message.Contains("sent to Maileon", StringComparison.Ordinal)) == 3);
    }

    [Fact]
    public async Task An_event_delivered_a_little_late_still_goes_out_before_the_later_change()
    {
        var company = await NewTenantAsync();
        var deal = fixture.Grains.Deal(company, 43);

        await deal.Accept(Event(company, 43, "later", PipedriveAction.Change, 5, title: "Second"));
        await deal.Accept(Event(company, 43, "earlier", PipedriveAction.Change, 3, title: "First"));

        await Eventually.MatchesAsync(deal.GetView, v => v.Sent == 2);
        Assert.Equal(["First", "Second"], Effects.For(company).Select(r => r.Command.Work.Deal.Title));
    }

    [Fact]
    public async Task The_Smart_BCC_address_read_once_is_kept_for_the_deals_later_events()
    {
        var company = await NewTenantAsync();
        Effects.Script(company, request => EffectOutcome.Done("sent", new DealEventResult.Sent("deal44@acme.pipedrivemail.com")));
        var deal = fixture.Grains.Deal(company, 44);

        await deal.Accept(Event(company, 44, "b1", PipedriveAction.Create, 0));
        await Eventually.MatchesAsync(deal.GetView, v => v.Sent == 1);
        await deal.Accept(Event(company, 44, "b2", PipedriveAction.Change, 1));
        await Eventually.MatchesAsync(deal.GetView, v => v.Sent == 2);

        Assert.Equal([null, "deal44@acme.pipedrivemail.com"], Effects.For(company).Select(r => r.Command.KnownSmartBccEmail));
    }

    [Fact]
    public async Task A_transient_failure_is_retried_and_the_retry_knows_it_is_one()
    {
        var company = await NewTenantAsync();
        Effects.Script(company, EffectOutcome.Retry("Deal 45 updated: not sent (503)."));
        var deal = fixture.Grains.Deal(company, 45);

        await deal.Accept(Event(company, 45, "t1", PipedriveAction.Change, 0));

        await Eventually.MatchesAsync(deal.GetView, v => v.Sent == 1);
        Assert.Equal([0, 1], Effects.For(company).Select(r => r.Attempt.PreviousAttempts));
    }

    [Fact]
    public async Task A_refused_event_is_parked_visibly_until_it_is_retried()
    {
        var company = await NewTenantAsync();
        Effects.Script(company, EffectOutcome.Fail("Deal 46 updated: not sent. A type pipedrive_deal_updated exists with other attributes."));
        var deal = fixture.Grains.Deal(company, 46);

        await deal.Accept(Event(company, 46, "m1", PipedriveAction.Change, 0));
        var parked = await Eventually.MatchesAsync(deal.GetView, v => v.Parked == 1);

        Assert.Contains("other attributes", Assert.Single(parked.ParkedErrors), StringComparison.Ordinal);
        Assert.StartsWith("Parked:", parked.LastResult, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => fixture.Journal.Activity(company).Any(a => a.Level == ActivityLevel.Error && a.DealId == 46 && a.Message.Contains("parked after 1 attempt", StringComparison.Ordinal)));

        Assert.Equal(1, await deal.RetryParked());
        var sent = await Eventually.MatchesAsync(deal.GetView, v => v.Sent == 1);
        Assert.Equal(0, sent.Parked);
    }

    [Fact]
    public async Task Missing_credentials_hold_events_without_parking_until_they_are_renewed()
    {
        var company = await NewTenantAsync();
        Effects.Script(company, EffectOutcome.WaitForCredentials("Deal 47 created: Maileon refused the API key (401); waiting for the admin."));
        var deal = fixture.Grains.Deal(company, 47);

        await deal.Accept(Event(company, 47, "w1", PipedriveAction.Create, 0));
        var waiting = await Eventually.MatchesAsync(deal.GetView, v => Effects.For(company).Count == 1 && v.Pending == 1);
        Assert.Equal(0, waiting.Parked);

        // The call is counted when it is made; its answer marks the entry as waiting a moment later, in the outbox's next
        // step (the deal's view does not show it): until then there is nothing to resume, and asking changes nothing.
        Assert.Equal(1, await Eventually.MatchesAsync(deal.AsReference<IOutboxParticipant>().ResumeWaiting, resumed => resumed == 1));
        await Eventually.MatchesAsync(deal.GetView, v => v.Sent == 1 && v.Pending == 0);
    }

    [Fact]
    public async Task Events_received_during_a_re_authorisation_are_recorded_and_sent_once_each_after_the_reconnect()
    {
        var company = ProductClusterFixture.NewCompany();
        await fixture.SetUpTenantAsync(company, t => t.Status = Grains.Interfaces.Tenants.TenantStatus.NeedsReauthorization);
        Effects.Script(company, EffectOutcome.WaitForCredentials("Deal 48 created: the app needs to be re-authorised in Pipedrive; waiting for the admin"));
        var deal = fixture.Grains.Deal(company, 48);
        fixture.WorkIndex.Deal(company, 48);

        // Recorded, not dropped, although nothing can be sent now.
        Assert.Equal(IngressStatus.Accepted, (await deal.Accept(Event(company, 48, "r1", PipedriveAction.Create, 0))).Status);
        Assert.Equal(IngressStatus.Accepted, (await deal.Accept(Event(company, 48, "r2", PipedriveAction.Change, 5, title: "Renamed"))).Status);
        Assert.Equal(IngressStatus.Duplicate, (await deal.Accept(Event(company, 48, "r2", PipedriveAction.Change, 5, title: "Renamed"))).Status);
        await Eventually.MatchesAsync(deal.GetView, v => Effects.For(company).Count == 1 && v.Pending == 2 && v.Parked == 0);
        // The call is counted when it is made; the outbox marks r1 as waiting when it records the answer, a step later.
        // A reconnect resumes work marked waiting, so it comes after that, as an admin's does.
        var dealId = GrainId.Create(GrainType.Create(GrainTypes.Deal), GrainIdKeyExtensions.CreateIntegerKey(48, CompanyKey.Format(company)));
        await Eventually.MatchesAsync(() => StoredStates.ReadAsync<DealState>(fixture.Silo, dealId, GrainTypes.Deal), s => s.Outbox.Entries.Any(e => e.WaitingSince is not null));

        // The admin re-authorises: the tenant resumes its grains' waiting work, and both events go out, in order, once each.
        await fixture.Grains.Tenant(company).Install(Grant(company));
        var view = await Eventually.MatchesAsync(deal.GetView, v => v.Sent == 2 && v.Pending == 0);
        Assert.Equal(0, view.Parked);
        var attempts = Effects.For(company).Select(r => r.Command.Work.EventId).ToList();
        Assert.Equal(["r1", "r1", "r2"], attempts); // r1 waited once, then each was sent once
    }

    [Fact]
    public async Task A_deal_without_a_person_is_noted_and_nothing_is_queued()
    {
        var company = await NewTenantAsync();
        var outcome = await fixture.Grains.Deal(company, 7).Accept(Event(company, 7, "o1", PipedriveAction.Create, 0, personId: null));

        Assert.Equal(IngressStatus.Ignored, outcome.Status);
        await Eventually.TrueAsync(() => fixture.Journal.Activity(company).Any(a => a.DealId == 7 && a.Message.Contains("has no person", StringComparison.Ordinal)));
        Assert.Empty(Effects.For(company));
    }

    [Fact]
    public async Task Nothing_is_recorded_while_deal_events_are_off()
    {
        var company = ProductClusterFixture.NewCompany();
        await fixture.SetUpTenantAsync(company, t => t.DealEventsEnabled = false);
        var deal = fixture.Grains.Deal(company, 9);

        var outcome = await deal.Accept(Event(company, 9, "off1", PipedriveAction.Create, 0));

        Assert.Equal(IngressStatus.Ignored, outcome.Status);
        Assert.Contains("turned off", outcome.Reason, StringComparison.Ordinal);
        Assert.Null((await deal.GetView()).LastEvent);
    }

    [Fact]
    public async Task An_event_for_another_deal_is_refused()
    {
        var company = await NewTenantAsync();
        var outcome = await fixture.Grains.Deal(company, 10).Accept(Event(company, 11, "w", PipedriveAction.Create, 0));
        Assert.Equal(IngressStatus.BadRequest, outcome.Status);
    }

    private Grains.Interfaces.Tenants.InstallationGrant Grant(long company) => new()
    {
        CompanyId = company,
        CompanyName = "Acme",
        UserId = 9,
        UserName = "Ada Admin",
        ApiBase = new Uri("http://127.0.0.1:9/"),
        AccessToken = fixture.Secrets.Protect("access"),
        RefreshToken = fixture.Secrets.Protect("refresh"),
        AccessTokenExpiresAt = DateTimeOffset.UtcNow.AddHours(1),
        Scopes = ["base"],
    };

    private async Task<long> NewTenantAsync()
    {
        var company = ProductClusterFixture.NewCompany();
        await fixture.SetUpTenantAsync(company);
        return company;
    }

    private static DealEvent Event(long company, long dealId, string id, PipedriveAction action, int seconds, string title = "Deal", long? personId = 8)
    {
        var snapshot = new DealSnapshot { Id = dealId, Title = title, Value = 250.5m, Currency = "EUR", Status = "open", PersonId = personId, OrgId = 3, OwnerId = 4 };
        var meta = new PipedriveEventMeta
        {
            EventId = id,
            CompanyId = company,
            Entity = PipedriveEntity.Deal,
            Action = action,
            EntityId = dealId,
            Timestamp = T0.AddSeconds(seconds),
        };
        return action == PipedriveAction.Delete ? new DealEvent(meta, null, snapshot) : new DealEvent(meta, snapshot, null);
    }
}
