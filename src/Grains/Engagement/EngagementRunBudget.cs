using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Reconciliation;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// The Pipedrive tokens one poll run may queue: a share of the company's remaining daily budget as the rate-limit
/// headers last showed it (before any header, of the smallest budget, 30,000), as <see cref="ReconciliationBudget"/>.
/// A person's writes are reserved at their estimated cost before the person is handed its rows and settled at what
/// its grain actually queued. Used from one grain's turns only (no locking).
/// </summary>
public sealed class EngagementRunBudget(double share, Func<PipedriveRateLimit?> latest)
{
    private long? allowance;

    public long Spent { get; private set; }

    public long? Allowance => allowance;

    /// <summary>The last reservation was refused: the run stops and the next continues from the saved page.</summary>
    public bool Reached { get; private set; }

    public bool TryReserve(int cost)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cost);
        var limit = latest();
        if (limit?.DailyBudgetExhausted == true)
        {
            Reached = true;
            return false;
        }

        if (allowance is null && limit?.DailyTokensRemaining is { } remaining)
        {
            allowance = (long)Math.Floor(share * (remaining + Spent));
        }

        if (Spent + cost > (allowance ?? (long)Math.Floor(share * ReconciliationBudget.SmallestDailyBudget)))
        {
            Reached = true;
            return false;
        }

        Spent += cost;
        return true;
    }

    /// <summary>Replaces a reservation by what was actually queued.</summary>
    public void Settle(int reserved, int actual) => Spent = Math.Max(0, Spent - reserved + actual);
}
