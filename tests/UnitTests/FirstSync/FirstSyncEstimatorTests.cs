using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.FirstSync;

namespace PipedriveMaileon.UnitTests.FirstSync;

public sealed class FirstSyncEstimatorTests
{
    // A 50,000-person account: a quarter marked, most of those need a field write; 2,000 organizations, 40 owners.
    private static readonly FirstSyncWorkload Large = new(50_000, FieldWrites: 11_000, MaileonWrites: 12_000, OrganizationLookups: 2_000, OwnerLookups: 40, MaileonReads: 60);

    [Fact]
    public void The_scan_alone_costs_ten_tokens_per_500_persons()
    {
        var estimate = FirstSyncEstimator.Estimate(new FirstSyncWorkload(50_000), new PipedriveBudgetView(30_000, 30_000, TimeSpan.FromHours(10)), FirstSyncPace.Default);
        Assert.Equal(100 * 10, estimate.ScanTokens);
        Assert.Equal(0, estimate.RunTokens);
        Assert.Equal(100, estimate.PipedriveCalls);
        Assert.True(estimate.FinishesToday);
        Assert.Equal(TimeSpan.FromSeconds(10), estimate.Duration);
    }

    [Fact]
    public void A_large_account_with_a_realistic_budget_finishes_today_within_its_share()
    {
        // Growth plan (×2), 10 seats: 600,000 tokens a day; half is left today.
        var budget = new PipedriveBudgetView(600_000, 300_000, TimeSpan.FromHours(8));
        var estimate = FirstSyncEstimator.Estimate(Large, budget, FirstSyncPace.Default);

        Assert.Equal(1_000, estimate.ScanTokens);
        Assert.Equal((11_000 * 5) + 2_000 + (40 * 2), estimate.RunTokens);
        Assert.True(estimate.FinishesToday);
        Assert.True(estimate.TotalTokens <= FirstSyncPace.Default.BudgetShare * budget.RemainingToday);
        // Maileon's 12,060 calls at 5/s set the pace: about 40 minutes.
        Assert.Equal(TimeSpan.FromSeconds(12_060 / 5.0), estimate.Duration);
    }

    [Fact]
    public void Work_beyond_a_days_share_waits_for_the_next_budget_day_instead_of_exhausting_the_budget()
    {
        var budget = new PipedriveBudgetView(30_000, 20_000, TimeSpan.FromHours(6));
        var estimate = FirstSyncEstimator.Estimate(Large, budget, FirstSyncPace.Default);

        // 58,080 tokens: 10,000 today, then 15,000 a day: four more days.
        Assert.Equal(15_000, estimate.TokensPerDay);
        Assert.Equal(5, estimate.BudgetDays);
        Assert.False(estimate.FinishesToday);
        Assert.True(estimate.Duration > TimeSpan.FromHours(6) + TimeSpan.FromDays(3));
        Assert.True(estimate.Duration < TimeSpan.FromHours(6) + TimeSpan.FromDays(4));
        Assert.True(estimate.TokensPerDay < budget.DailyLimit);

        // With the whole budget left today: 15,000 today and three more days.
        Assert.Equal(4, FirstSyncEstimator.Estimate(Large, budget with { RemainingToday = 30_000 }, FirstSyncPace.Default).BudgetDays);
    }

    [Fact]
    public void Without_rate_limit_headers_the_smallest_budget_is_assumed_and_it_resets_at_utc_midnight()
    {
        var now = new DateTimeOffset(2026, 5, 4, 18, 30, 0, TimeSpan.Zero);
        Assert.Equal(new PipedriveBudgetView(30_000, 30_000, TimeSpan.FromHours(5.5)), PipedriveBudgetView.From(null, now));

        var seen = new PipedriveRateLimit(80, 70, TimeSpan.FromSeconds(1), 300_000, 120_000, null, now);
        Assert.Equal(new PipedriveBudgetView(300_000, 120_000, TimeSpan.FromHours(5.5)), PipedriveBudgetView.From(seen, now));
    }

    [Fact]
    public void Nonsense_pace_is_refused()
    {
        var budget = new PipedriveBudgetView(30_000, 30_000, TimeSpan.FromHours(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => FirstSyncEstimator.Estimate(Large, budget, FirstSyncPace.Default with { BudgetShare = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => FirstSyncEstimator.Estimate(Large, budget, FirstSyncPace.Default with { MaileonCallsPerSecond = 0 }));
    }
}
