using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Reconciliation;

namespace PipedriveMaileon.UnitTests.Reconciliation;

public sealed class ReconciliationBudgetTests
{
    private static PipedriveRateLimit Remaining(long? tokens) =>
        new(80, 79, TimeSpan.FromSeconds(2), 60_000, tokens, null, DateTimeOffset.UnixEpoch);

    [Fact]
    public void ARunSpendsAtMostItsShareOfWhatRemained()
    {
        var budget = new ReconciliationBudget(0.1);

        var pages = 0;
        while (budget.TryReserve(PipedriveTokenCosts.ListPersons, Remaining(1_000 - budget.Spent)))
        {
            pages++;
        }

        Assert.Equal(10, pages);
        Assert.Equal(100, budget.Spent);
        Assert.Equal(100, budget.Allowance);
        Assert.True(budget.Refused);
        Assert.False(budget.DailyBudgetExhausted);
    }

    [Fact]
    public void WithoutHeadersTheSmallestPossibleBudgetIsAssumedUntilTheFirstAnswerTells()
    {
        var budget = new ReconciliationBudget(0.1);

        Assert.True(budget.TryReserve(10, latest: null));
        Assert.Null(budget.Allowance);

        // The first page's headers: 190 left after it, so 200 were left when the run began.
        Assert.True(budget.TryReserve(10, Remaining(190)));
        Assert.Equal(20, budget.Allowance);
        Assert.False(budget.TryReserve(10, Remaining(180)));
        Assert.Equal(20, budget.Spent);
    }

    [Fact]
    public void UnknownBudgetStillCapsARun()
    {
        var budget = new ReconciliationBudget(0.1);
        while (budget.TryReserve(10, Remaining(null)))
        {
        }

        Assert.Equal(ReconciliationBudget.SmallestDailyBudget / 10, budget.Spent);
    }

    [Fact]
    public void AnExhaustedDailyBudgetIsNeverSpentOn()
    {
        var budget = new ReconciliationBudget(1.0);

        Assert.False(budget.TryReserve(10, Remaining(0)));
        Assert.True(budget.DailyBudgetExhausted);
        Assert.Equal(0, budget.Spent);
    }

    [Fact]
    public void TooLittleLeftForOnePageReadsNothing()
    {
        var budget = new ReconciliationBudget(0.1);

        Assert.False(budget.TryReserve(10, Remaining(99)));
        Assert.Equal(9, budget.Allowance);
    }
}
