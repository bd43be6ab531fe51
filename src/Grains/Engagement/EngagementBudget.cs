using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Reconciliation;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// The Pipedrive tokens engagement may spend: each write's cost from the specs' <c>x-token-cost</c>, and how many
/// entries a run can write with its share of the company's remaining daily budget (the same share rule as
/// reconciliation, <see cref="ReconciliationBudget"/>, which a run uses to reserve each write). What does not fit
/// waits for the next run; the settings page shows the share and the backlog.
/// </summary>
public static class EngagementBudget
{
    /// <summary>Default share of the remaining daily budget one run may spend (<c>Engagement:BudgetShare</c>).</summary>
    public const double DefaultShare = 0.05;

    /// <summary>Tokens of one planned write, including the look-up of a create whose answer was lost.</summary>
    public static int CostOf(EngagementWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var activity = write.Target == EngagementTarget.Activity;
        return write.Kind switch
        {
            EngagementWriteKind.Create => activity ? PipedriveTokenCosts.CreateActivity : PipedriveTokenCosts.CreateNote,
            EngagementWriteKind.Update => activity ? PipedriveTokenCosts.UpdateActivity : PipedriveTokenCosts.UpdateNote,
            EngagementWriteKind.FindThenCreate => activity
                ? PipedriveTokenCosts.ListActivities + PipedriveTokenCosts.CreateActivity
                : PipedriveTokenCosts.ListNotes + PipedriveTokenCosts.CreateNote,
            _ => 0,
        };
    }

    /// <summary>Tokens of setting the "Maileon bounce" flag on one person.</summary>
    public static int BounceFlagCost => PipedriveTokenCosts.UpdatePerson;

    /// <summary>
    /// How many writes of <paramref name="costPerWrite"/> a run may make: <paramref name="share"/> of the remaining
    /// daily tokens (before any rate-limit header was seen, of the smallest budget a company can have).
    /// </summary>
    public static long MaxWrites(long? remainingDailyTokens, double share, int costPerWrite)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(costPerWrite);
        ArgumentOutOfRangeException.ThrowIfLessThan(share, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(share, 1);
        var remaining = Math.Max(0, remainingDailyTokens ?? ReconciliationBudget.SmallestDailyBudget);
        return (long)Math.Floor(share * remaining) / costPerWrite;
    }
}
