using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Engagement;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Engagement;
using PipedriveMaileon.GrainTests.Infrastructure;

namespace PipedriveMaileon.GrainTests.Engagement;

/// <summary>
/// The tenant's engagement poll with fake reports, identity and Pipedrive writes: one entry per person and mailing,
/// counted once across runs (replays write nothing), resuming from the saved page after a crash, and stopping at its
/// budget share with the rest waiting for the next run.
/// </summary>
[Collection(EngagementClusterCollection.Name)]
public sealed class EngagementPollTests(EngagementClusterFixture fixture)
{
    private const long Mailing = 501;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly EngagementChoice OpensAndClicks = new() { Enabled = true, Opens = true, Clicks = true, HardBounces = false };

    [Fact]
    public async Task Each_person_gets_one_entry_per_mailing_and_a_replay_writes_nothing()
    {
        var (companyId, poll) = await TenantAsync(persons: 6);
        fixture.Reports.Add(companyId, Enumerable.Range(0, 6).SelectMany(i => Opens(i, 2)).Concat([Click(0, "https://x.example/a"), Click(0, "https://x.example/b")]));

        await RunAsync(poll, () => poll.Configure(OpensAndClicks, actingUserId: 1));
        // A person whose rows came on two pages (or two reports) may see its entry updated once more; never created twice.
        // That update is the person's outbox work, which may still be on its way when the run is done: wait for each
        // person's last write to say everything its rows did.
        string Subject(int i) => $"Opened 'Mailing number {Mailing}' 2 times" + (i == 0 ? " · clicked 2 links" : string.Empty);
        var writes = await WritesAsync(companyId, ws => Enumerable.Range(0, 6).All(i => ws.LastOrDefault(w => w.PersonId == PersonId(i))?.Entry?.Subject == Subject(i)));
        var creates = writes.Where(w => w.Entry!.Kind == EngagementWriteKind.Create).ToList();
        Assert.Equal(6, creates.Count);
        Assert.Equal(6, creates.Select(w => w.PersonId).Distinct().Count());
        Assert.All(writes.Except(creates), w => Assert.Equal(EngagementWriteKind.Update, w.Entry!.Kind));
        Assert.Equal($"Opened 'Mailing number {Mailing}' 2 times · clicked 2 links", writes.Last(w => w.PersonId == PersonId(0)).Entry!.Subject);
        Assert.All(Enumerable.Range(1, 5), i => Assert.Equal($"Opened 'Mailing number {Mailing}' 2 times", writes.Last(w => w.PersonId == PersonId(i)).Entry!.Subject));

        await RunAsync(poll, poll.PollNow);
        await Task.Delay(1000);
        Assert.Equal(writes.Count, fixture.Writes.Commands<EngagementEffect>(companyId).Count);

        fixture.Reports.Add(companyId, Opens(3, 1, secondsLater: 90));
        await RunAsync(poll, poll.PollNow);
        var update = Assert.Single((await WritesAsync(companyId, writes.Count + 1)).Skip(writes.Count));
        Assert.Equal((EngagementWriteKind.Update, PersonId(3)), (update.Entry!.Kind, update.PersonId));
        Assert.Equal($"Opened 'Mailing number {Mailing}' 3 times", update.Entry.Subject);
        // The write is counted when it is sent; the person records it as written once Pipedrive answered.
        var view = await Eventually.MatchesAsync(() => fixture.Grains.PersonEngagement(companyId, PersonId(3)).GetView(5), v => v.Mailings.Any(m => m.Written));
        Assert.Equal((3, true), (Assert.Single(view.Mailings).Opens, view.Mailings[0].Written));
    }

    [Fact]
    public async Task A_run_that_crashes_mid_pass_resumes_from_the_saved_page_and_counts_nothing_twice()
    {
        var (companyId, poll) = await TenantAsync(persons: 25);
        fixture.Reports.Add(companyId, Enumerable.Range(0, 25).SelectMany(i => Opens(i, 1)));
        fixture.Reports.FailOnce(companyId, MaileonTrackingKind.Open, page: 3);

        var crashed = await RunAsync(poll, () => poll.Configure(OpensAndClicks, actingUserId: 1));
        Assert.Contains("Open report: stopped", crashed.LastError, StringComparison.Ordinal);
        Assert.True(Assert.Single(crashed.Sources, s => s.Name == "Open").Behind);
        Assert.Equal(10, (await WritesAsync(companyId, 10)).Count);

        var resumed = await RunAsync(poll, poll.PollNow);
        Assert.Null(resumed.LastError);
        var opens = fixture.Reports.Requests(companyId).Where(r => r.Kind == MaileonTrackingKind.Open).Select(r => r.Page);
        Assert.Equal([1, 2, 3, 3, 4, 5], opens);
        var writes = await WritesAsync(companyId, 25);
        Assert.Equal(25, writes.Count);
        Assert.Equal(25, writes.Select(w => w.PersonId).Distinct().Count());
    }

    [Fact]
    public async Task A_run_stops_at_its_budget_share_and_the_next_run_continues_where_it_stopped()
    {
        // 0.01 of the smallest daily budget is 300 tokens: 30 new notes per run.
        var (companyId, poll) = await TenantAsync(persons: 40);
        fixture.Reports.Add(companyId, Enumerable.Range(0, 40).SelectMany(i => Opens(i, 1)));

        var first = await RunAsync(poll, () => poll.Configure(OpensAndClicks, actingUserId: 1));
        Assert.True(first.StoppedAtBudget);
        Assert.InRange(first.TokensQueued, 290, 300);
        Assert.True(Assert.Single(first.Sources, s => s.Name == "Open").Behind);
        var afterFirst = (await WritesAsync(companyId, 29)).Count;
        Assert.InRange(afterFirst, 29, 30);

        var second = await RunAsync(poll, poll.PollNow);
        Assert.False(second.StoppedAtBudget);
        Assert.False(Assert.Single(second.Sources, s => s.Name == "Open").Behind);
        var writes = await WritesAsync(companyId, 40);
        Assert.Equal(40, writes.Count);
        Assert.Equal(40, writes.Select(w => w.PersonId).Distinct().Count());
    }

    [Fact]
    public async Task Unsubscribed_unknown_and_deleted_persons_and_anonymous_rows_get_nothing()
    {
        var (companyId, poll) = await TenantAsync(persons: 1);
        fixture.AddressPersons.Set(companyId, Email(1), new AddressPersons(SubscriptionStatus.Unsubscribed, [new AddressPerson(PersonId(1), false)]));
        fixture.AddressPersons.Set(companyId, Email(2), new AddressPersons(SubscriptionStatus.None, [new AddressPerson(PersonId(2), false)]));
        fixture.AddressPersons.Set(companyId, Email(3), new AddressPersons(SubscriptionStatus.Subscribed, [new AddressPerson(PersonId(3), true)]));
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        fixture.Reports.Add(companyId, [.. Enumerable.Range(0, 5).SelectMany(i => Opens(i, 1)), new MaileonTrackingEvent(MaileonTrackingKind.Open, at, null, null, null, true, Mailing, 9)]);

        var view = await RunAsync(poll, () => poll.Configure(OpensAndClicks, actingUserId: 1));

        Assert.Equal(PersonId(0), Assert.Single(await WritesAsync(companyId, 1)).PersonId);
        Assert.Equal(1, view.Verdicts["Unsubscribed"]);
        Assert.Equal(1, view.Verdicts["NotSubscribedHere"]);
        Assert.Equal(1, view.Verdicts["PersonDeleted"]);
        Assert.Equal(1, view.Verdicts["NoPerson"]);
        Assert.Equal(1, view.Verdicts["NotPersonal"]);
    }

    private async Task<(long CompanyId, IEngagementGrain Poll)> TenantAsync(int persons)
    {
        var companyId = ProductClusterFixture.NewCompany();
        await fixture.SetUpTenantAsync(companyId);
        for (var i = 0; i < persons; i++)
        {
            fixture.AddressPersons.Set(companyId, Email(i), new AddressPersons(SubscriptionStatus.Subscribed, [new AddressPerson(PersonId(i), false)]));
        }

        return (companyId, fixture.Grains.Engagement(companyId));
    }

    private static long PersonId(int i) => 1000 + i;

    private static string Email(int i) => $"reader{i}@poll.example";

    private static IEnumerable<MaileonTrackingEvent> Opens(int person, int count, int secondsLater = 0)
    {
        // Within the checkpoint's 5-minute overlap, so the next run reads them again: a real replay.
        var at = DateTimeOffset.UtcNow.AddMinutes(-2).AddSeconds(secondsLater);
        return Enumerable.Range(0, count).Select(n => new MaileonTrackingEvent(
            MaileonTrackingKind.Open, at.AddSeconds(n), 7000 + person, Email(person), null, false, Mailing, 9000 + person));
    }

    private static MaileonTrackingEvent Click(int person, string url) => new(
        MaileonTrackingKind.Click, DateTimeOffset.UtcNow.AddMinutes(-2), 7000 + person, Email(person), null, false, Mailing, 9000 + person, LinkUrl: url);

    /// <summary>Starts a run with <paramref name="trigger"/> and waits until it finished (its finish time is new).</summary>
    private static async Task<EngagementView> RunAsync(IEngagementGrain poll, Func<Task> trigger)
    {
        var before = (await poll.GetView()).LastRunFinishedAt;
        await trigger();
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var view = await poll.GetView();
            if ((view.LastRunFinishedAt is { } finished && finished != before && !view.Running) || DateTime.UtcNow > deadline)
            {
                return view;
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The writes of the tenant once there are <paramref name="expected"/> of them, and a moment later (so one too many shows).</summary>
    private Task<IReadOnlyList<EngagementEffect>> WritesAsync(long companyId, int expected) =>
        WritesAsync(companyId, writes => writes.Count >= expected);

    /// <summary>The writes of the tenant once they are <paramref name="done"/>, and a moment later (so one too many shows).</summary>
    private async Task<IReadOnlyList<EngagementEffect>> WritesAsync(long companyId, Func<IReadOnlyList<EngagementEffect>, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!done(fixture.Writes.Commands<EngagementEffect>(companyId)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await Task.Delay(300);
        return fixture.Writes.Commands<EngagementEffect>(companyId);
    }
}
