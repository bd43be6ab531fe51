using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Deals;
using PipedriveMaileon.Grains.Interfaces.Deals;
using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.GrainTests.Deals;

[Collection(DealClusterCollection.Name)]
public sealed class DealGrainTests(DealClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);
    private static long nextCompany = 9_000_000 + (Environment.ProcessId % 1000) * 1000;

    [Fact]
    public async Task Create_change_and_delete_reach_maileon_once_each_in_order()
    {
        var (company, tenant) = NewTenant();
        var deal = Deal(company, 42);

        Assert.Equal(IngressStatus.Accepted, (await deal.Accept(Event(company, 42, "e1", PipedriveAction.Create, 0))).Status);
        Assert.Equal(IngressStatus.Duplicate, (await deal.Accept(Event(company, 42, "e1", PipedriveAction.Create, 0))).Status);
        Assert.Equal(IngressStatus.Accepted, (await deal.Accept(Event(company, 42, "e2", PipedriveAction.Change, 5, title: "Renamed"))).Status);
        Assert.Equal(IngressStatus.Accepted, (await deal.Accept(Event(company, 42, "e3", PipedriveAction.Delete, 9))).Status);
        Assert.Equal(IngressStatus.Ignored, (await deal.Accept(Event(company, 42, "e-late", PipedriveAction.Change, 7))).Status);

        var view = await WaitAsync(deal, v => v.Sent == 3 && v.Pending == 0);
        Assert.True(view.Deleted);
        Assert.Equal(
            [DealTransactionTypes.Added, DealTransactionTypes.Updated, DealTransactionTypes.Deleted],
            tenant.Sent.Select(t => t.TypeName));
        Assert.Equal("Renamed", (string?)tenant.Sent[1].Content["title"]);
        Assert.Equal("2026-05-01 10:00:05", (string?)tenant.Sent[1].Content["timestamp"]);
        Assert.Equal($"deal42@acme.pipedrivemail.com", (string?)tenant.Sent[0].Content["cc_email"]);
        Assert.Single(tenant.Calls, c => c == "GetDeal 42"); // the Smart BCC address is read once per deal
        Assert.All(tenant.Sent, t => Assert.Equal(777, t.Contact.ContactId));
        await WaitUntilAsync(() => fixture.Journal.Activity(company).Count(a => a.Area == "deals" && a.Message.Contains("sent to Maileon", StringComparison.Ordinal)) == 3);
    }

    [Fact]
    public async Task Concurrent_first_events_of_many_deals_create_the_types_once_and_share_maileon_requests()
    {
        var (company, tenant) = NewTenant();
        await Task.WhenAll(Enumerable.Range(1, 12).Select(d => Deal(company, d).Accept(Event(company, d, $"c{d}", PipedriveAction.Create, 0))));

        await WaitUntilAsync(() => tenant.Sent.Count == 12);
        Assert.Equal(3, tenant.Calls.Count(c => c.StartsWith("CreateType", StringComparison.Ordinal)));
        Assert.Equal(12, tenant.Sent.Select(t => (long)t.Content["deal_id"]!).Distinct().Count());
        var requests = tenant.Calls.Where(c => c.StartsWith("Send ", StringComparison.Ordinal)).ToList();
        Assert.True(requests.Count < 12, $"expected batching, got {string.Join(", ", requests)}");
    }

    [Fact]
    public async Task A_send_whose_response_was_lost_is_not_repeated_and_a_plain_failure_is_retried()
    {
        var (company, tenant) = NewTenant();
        tenant.FailNextSends = 1;
        tenant.LoseResponses = true;
        var deal = Deal(company, 5);
        await deal.Accept(Event(company, 5, "x1", PipedriveAction.Change, 0));
        await WaitAsync(deal, v => v.Sent == 1);
        Assert.Single(tenant.Sent);
        Assert.Contains(tenant.Calls, c => c.StartsWith("GetTransaction", StringComparison.Ordinal));

        tenant.LoseResponses = false;
        tenant.FailNextSends = 2;
        await deal.Accept(Event(company, 5, "x2", PipedriveAction.Change, 1));
        await WaitAsync(deal, v => v.Sent == 2);
        Assert.Equal(2, tenant.Sent.Count);
    }

    [Fact]
    public async Task A_type_with_other_attributes_parks_events_visibly_until_fixed_and_retried()
    {
        var (company, tenant) = NewTenant();
        tenant.SetType(DealTransactionTypes.Updated, [new MaileonTransactionAttributeSpec("deal_id", "string", true)]);
        var deal = Deal(company, 6);

        await deal.Accept(Event(company, 6, "m1", PipedriveAction.Change, 0));
        var parked = await WaitAsync(deal, v => v.Parked == 1);
        Assert.Contains("other attributes", Assert.Single(parked.ParkedErrors), StringComparison.Ordinal);
        Assert.Empty(tenant.Sent);
        await WaitUntilAsync(() => fixture.Journal.Activity(company).Any(a => a.Level == ActivityLevel.Error && a.Message.Contains("pipedrive_deal_updated", StringComparison.Ordinal)));

        tenant.SetType(DealTransactionTypes.Updated, DealTransactionTypes.Attributes); // the admin replaced the type
        Assert.Equal(1, await deal.RetryParked());
        var sent = await WaitAsync(deal, v => v.Sent == 1);
        Assert.Equal(0, sent.Parked);
    }

    [Fact]
    public async Task Deals_without_person_or_contact_are_not_sent_and_the_log_says_so()
    {
        var (company, tenant) = NewTenant();
        var orphan = Deal(company, 7);
        var outcome = await orphan.Accept(Event(company, 7, "o1", PipedriveAction.Create, 0, personId: null));
        Assert.Equal(IngressStatus.Ignored, outcome.Status);

        var stranger = Deal(company, 8);
        await stranger.Accept(Event(company, 8, "s1", PipedriveAction.Create, 0, personId: 404));
        await WaitAsync(stranger, v => v.LastResult is not null && v.Pending == 0);

        Assert.Empty(tenant.Sent);
        await WaitUntilAsync(() =>
            fixture.Journal.Activity(company).Any(a => a.DealId == 7 && a.Message.Contains("has no person", StringComparison.Ordinal))
            && fixture.Journal.Activity(company).Any(a => a.DealId == 8 && a.Message.Contains("no longer exists", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Nothing_is_recorded_while_deal_events_are_off()
    {
        var (company, tenant) = NewTenant();
        tenant.Status = new DealTenantStatus(true, false, null);
        var deal = Deal(company, 9);

        var outcome = await deal.Accept(Event(company, 9, "off1", PipedriveAction.Create, 0));

        Assert.Equal(IngressStatus.Ignored, outcome.Status);
        Assert.Contains("turned off", outcome.Reason, StringComparison.Ordinal);
        Assert.Null((await deal.GetView()).LastEvent);
    }

    [Fact]
    public async Task An_event_for_another_deal_is_refused()
    {
        var (company, _) = NewTenant();
        var outcome = await Deal(company, 10).Accept(Event(company, 11, "w", PipedriveAction.Create, 0));
        Assert.Equal(IngressStatus.BadRequest, outcome.Status);
    }

    private (long Company, FakeDealTenant Tenant) NewTenant()
    {
        var company = Interlocked.Increment(ref nextCompany);
        var tenant = fixture.Tenants[company];
        tenant.AddPersonWithContact(8, "sample@example.com", 777);
        return (company, tenant);
    }

    private IDealGrain Deal(long company, long dealId) =>
        fixture.Grains.GetGrain<IDealGrain>(dealId, company.ToString(System.Globalization.CultureInfo.InvariantCulture));

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

    private static async Task<DealSyncView> WaitAsync(IDealGrain grain, Func<DealSyncView, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var view = await grain.GetView();
            if (condition(view))
            {
                return view;
            }

            Assert.True(DateTime.UtcNow < deadline, $"condition not met in time: {view}");
            await Task.Delay(20);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(20);
        }
    }
}
