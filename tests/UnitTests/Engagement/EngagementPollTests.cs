using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Engagement;
using PipedriveMaileon.Grains.Reconciliation;

namespace PipedriveMaileon.UnitTests.Engagement;

/// <summary>The poll reads reports through <see cref="CheckpointedScan"/>; fingerprints make every repeat count nothing.</summary>
public sealed class EngagementPollTests
{
    private const int PageSize = 2;
    private static readonly DateTimeOffset FirstPassFrom = Rows.At.AddDays(-7);
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    [Fact]
    public void Queries_start_at_the_checkpoint_or_the_first_pass_and_ask_only_for_hard_bounces()
    {
        var first = EngagementPoll.Query(MaileonTrackingKind.Open, new ScanRequest(null, Rows.At, 3, null), FirstPassFrom);
        Assert.Equal(new MaileonTrackingQuery(FirstPassFrom, Rows.At, null, 3, EngagementPoll.PageSize, true, null), first);
        var bounces = EngagementPoll.Query(MaileonTrackingKind.Bounce, new ScanRequest(Rows.At.AddHours(-1), Rows.At, 1, null), FirstPassFrom);
        Assert.Equal((Rows.At.AddHours(-1), "permanent"), (bounces.From, bounces.BounceType));
        Assert.Equal([MaileonTrackingKind.Open, MaileonTrackingKind.Bounce], EngagementPoll.Sources(new EngagementSettings { Enabled = true, Clicks = false }));
        Assert.Empty(EngagementPoll.Sources(new EngagementSettings()));
    }

    [Fact]
    public async Task A_pass_broken_off_midway_resumes_and_an_overlapping_pass_counts_nothing_twice()
    {
        var rows = Enumerable.Range(0, 5).Select(i => Rows.Open("a@example.com", second: i * 60)).ToList();
        var person = new PersonEngagement { PersonId = 7 };
        var state = new EngagementPollState();
        var now = Rows.At.AddMinutes(6);
        var failOnce = rows[3];

        var broken = await Assert.ThrowsAsync<InvalidOperationException>(() => ScanAsync(rows, person, state, now, failOnce));
        Assert.Equal("page lost", broken.Message);
        Assert.True(state.Opens.InPass);
        Assert.Equal(2, state.Opens.NextPage);
        Assert.Equal(3, person.Mailings[4317].OpenCount);

        var resumed = await ScanAsync(rows, person, state, now, fail: null);
        Assert.True(resumed.CaughtUp);
        Assert.Equal(5, person.Mailings[4317].OpenCount);
        Assert.Equal(now - Overlap, state.Opens.Checkpoint);

        rows.Add(Rows.Open("a@example.com", second: 660));
        var next = await ScanAsync(rows, person, state, now.AddMinutes(6), fail: null);
        Assert.Equal((5L, 1L), (next.Tally.Found, next.Tally.Applied));
        Assert.Equal(6, person.Mailings[4317].OpenCount);
    }

    private static Task<ScanResult> ScanAsync(List<MaileonTrackingEvent> rows, PersonEngagement person, EngagementPollState state, DateTimeOffset now, MaileonTrackingEvent? fail)
    {
        var failed = false;
        return CheckpointedScan.RunAsync(
            state.Opens,
            now,
            Overlap,
            request =>
            {
                var query = EngagementPoll.Query(MaileonTrackingKind.Open, request, FirstPassFrom, PageSize);
                var window = rows.Where(r => r.Timestamp >= query.From && r.Timestamp < query.To).ToList();
                var page = window.Skip((query.PageIndex - 1) * PageSize).Take(PageSize).ToList();
                return Task.FromResult(EngagementPoll.Page(new MaileonTrackingPage(page, query.PageIndex, window.Count, (window.Count + PageSize - 1) / PageSize), PageSize));
            },
            row =>
            {
                if (ReferenceEquals(row, fail) && !failed)
                {
                    failed = true;
                    throw new InvalidOperationException("page lost");
                }

                return Task.FromResult(person.Fold([row]).Count > 0 ? ApplyResult.Applied : ApplyResult.Unchanged);
            },
            (cursor, _) =>
            {
                state.Set(MaileonTrackingKind.Open, cursor);
                return Task.CompletedTask;
            });
    }
}
