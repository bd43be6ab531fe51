using System.Text.Json;
using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Deals;
using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Reconciliation;
using PipedriveMaileon.Grains.Tenants;
using PipedriveMaileon.GrainTests.Infrastructure;

namespace PipedriveMaileon.GrainTests.Hosting;

/// <summary>
/// States written before the outbox became a grain facet (<c>StoredStates/*.json</c>, captured from that code) still
/// load, keep every fact, and are written back with <c>OutboxDueAt</c> at the top level, where the database's
/// indexed column is taken from. The contact and tenant grains resuming such states are in their own tests.
/// </summary>
[Collection(ProductClusterCollection.Name)]
public sealed class StoredStateCompatibilityTests(ProductClusterFixture fixture)
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_stored_contact_keeps_its_subscription_person_outbox_and_journal()
    {
        var state = Read<ContactState>("contact");

        Assert.Equal(SubscriptionStatus.Pending, state.Subscription!.Status);
        Assert.Equal("Ada Lovelace", state.Person.Name);
        Assert.Equal(["name", "owner_id"], state.Person.SeenFields);
        Assert.Equal(11, state.Person.CustomFields["f00d"].OptionId);
        var doi = state.Outbox.Entries[0];
        Assert.Equal((ContactWorkKind.StartDoubleOptIn, 1, T0.AddSeconds(1)), (doi.Work.Kind, doi.Attempts, doi.StartedAt!.Value));
        Assert.Equal(NewsletterOption.AwaitingConfirmation, state.Outbox.Entries[1].Work.Option);
        Assert.NotNull(state.Outbox.Entries[1].ParkedAt);
        Assert.Null(doi.WaitingSince);
        Assert.Equal(2, state.Outbox.LastId);
        Assert.Equal(1, Assert.Single(state.PendingLedger).Sequence);
        Assert.Single(state.PendingActivity);
        Assert.Equal(T0.AddSeconds(6), state.OutboxDueAt);
        AssertDueAtStaysOnTop(state);
    }

    [Fact]
    public void A_stored_deal_keeps_its_ordering_memory_and_queued_event()
    {
        var state = Read<DealState>("deal");

        Assert.Equal(["d1"], state.Ordering.RecentEventIds);
        Assert.True(state.Ordering.CreateApplied);
        Assert.Equal("deal5@acme.pipedrivemail.com", state.SmartBccEmail);
        Assert.Equal(2, state.Sent);
        var entry = Assert.Single(state.Outbox.Entries);
        Assert.Equal((DealWorkKind.Updated, "d2", 2, 1), (entry.Work.Kind, entry.Work.EventId, entry.Attempts, entry.Throttles));
        Assert.Equal((250.5m, new DateOnly(2026, 6, 1)), (entry.Work.Deal.Value!.Value, entry.Work.Deal.ExpectedCloseDate!.Value));
        AssertDueAtStaysOnTop(state);
    }

    [Fact]
    public void A_stored_tenant_keeps_its_installation_settings_setup_and_queued_revoke()
    {
        var state = Read<TenantState>("tenant");

        Assert.Equal((TenantStatus.Active, 7, "Acme"), (state.Status, state.ConfigVersion, state.CompanyName!));
        Assert.Equal("cipher-refresh", state.RefreshToken!.CipherText);
        Assert.Equal("cipher-key", state.MaileonApiKey!.CipherText);
        Assert.Equal(14, state.NewsletterField!.OptionIds[NewsletterOption.Unsubscribed]);
        Assert.Equal("Retail", Assert.Single(state.ExtraFields).OptionLabels[1]);
        Assert.Equal([4, 5, 6], state.MaileonTokenHash);
        var revoke = Assert.Single(state.Outbox.Entries);
        Assert.Equal((TenantWorkKind.RevokeAuthorization, "cipher-old-refresh"), (revoke.Work.Kind, revoke.Work.Token!.CipherText));
        AssertDueAtStaysOnTop(state);
    }

    [Fact]
    public void A_stored_reconciliation_keeps_its_schedule_and_each_sources_position()
    {
        var state = Read<ReconciliationState>("reconciliation");

        Assert.True(state.Scheduled);
        Assert.Equal(15, state.ScheduledIntervalMinutes);
        Assert.Equal((3, true), (state.Unsubscriptions.Cursor.NextPage, state.Unsubscriptions.Cursor.InPass));
        Assert.Equal("c-1", state.Persons.Cursor.Cursor);
        Assert.Equal(new ScanTally(1, 10, 2, 1), state.Persons.LastRun);
        Assert.Null(state.DoiConfirmations.Cursor.Checkpoint);
    }

    [Fact]
    public async Task A_deal_stored_with_a_queued_event_resumes_sending_it_after_its_earlier_attempts()
    {
        var company = ProductClusterFixture.NewCompany();
        await fixture.SetUpTenantAsync(company);
        var dealId = GrainId.Create(GrainType.Create(GrainTypes.Deal), GrainIdKeyExtensions.CreateIntegerKey(5, CompanyKey.Format(company)));
        await StoredStates.SeedAsync<DealState>(fixture.Silo, dealId, GrainTypes.Deal, StoredStates.Captured("deal"));
        var deal = fixture.Grains.Deal(company, 5);

        await deal.AsReference<IOutboxParticipant>().Wake();
        var view = await Eventually.MatchesAsync(deal.GetView, v => v.Sent == 3);

        var sent = Assert.Single(fixture.Deals.For(company));
        Assert.Equal(("d2", 2), (sent.Command.Work.EventId, sent.Attempt.PreviousAttempts));
        Assert.Equal("deal5@acme.pipedrivemail.com", sent.Command.KnownSmartBccEmail);
        Assert.Equal(0, view.Pending);
    }

    [Fact]
    public async Task A_stored_reconciliation_shows_its_positions_after_the_upgrade()
    {
        var company = ProductClusterFixture.NewCompany();
        var id = GrainId.Create(GrainType.Create(GrainTypes.Reconciliation), GrainIdKeyExtensions.CreateIntegerKey(company));
        await StoredStates.SeedAsync<ReconciliationState>(fixture.Silo, id, GrainTypes.Reconciliation, StoredStates.Captured("reconciliation"));

        var view = await fixture.Grains.Reconciliation(company).GetView();

        Assert.True(view.Scheduled);
        Assert.Equal(T0, view.LastRunStartedAt);
        Assert.Equal([T0, null, T0], view.Sources.Select(s => s.Checkpoint));
        Assert.Equal(5, view.Sources[0].TotalApplied);
    }

    private static T Read<T>(string name) => StoredStates.Read<T>(name);

    private static void AssertDueAtStaysOnTop<T>(T state) =>
        Assert.StartsWith("{\"OutboxDueAt\":", JsonSerializer.Serialize(state, Options), StringComparison.Ordinal);

    private static JsonSerializerOptions Options => StoredStates.SerializerOptions;
}
