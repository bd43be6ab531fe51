using PipedriveMaileon.ApiClients.Pipedrive;

namespace PipedriveMaileon.Grains.Reconciliation;

/// <summary>
/// The Pipedrive tokens one run may spend: <c>share</c> of the company's remaining daily budget as the rate-limit
/// headers last showed it. Before any header was seen the smallest budget a company can have is assumed, so the
/// first page can be read and tell the real numbers. Never spends on an exhausted budget.
/// </summary>
public sealed class ReconciliationBudget(double share)
{
    /// <summary>30,000 tokens × plan multiplier 1 × one seat: no company has less.</summary>
    public const long SmallestDailyBudget = 30_000;

    private long? allowance;

    public long Spent { get; private set; }

    /// <summary>The run's allowance once known.</summary>
    public long? Allowance => allowance;

    /// <summary>True when the last refusal was for the budget (not worth a warning when nothing was left to read).</summary>
    public bool Refused { get; private set; }

    public bool DailyBudgetExhausted { get; private set; }

    /// <summary>Reserves <paramref name="cost"/> tokens if the run's allowance still holds them.</summary>
    public bool TryReserve(int cost, PipedriveRateLimit? latest)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cost);
        if (latest?.DailyBudgetExhausted == true)
        {
            DailyBudgetExhausted = true;
            Refused = true;
            return false;
        }

        if (allowance is null && latest?.DailyTokensRemaining is { } remaining)
        {
            // Observed after this run's own first calls: what was left when the run began is what remains plus those.
            allowance = (long)Math.Floor(share * (remaining + Spent));
        }

        var limit = allowance ?? (long)Math.Floor(share * SmallestDailyBudget);
        if (Spent + cost > limit)
        {
            Refused = true;
            return false;
        }

        Spent += cost;
        return true;
    }
}
