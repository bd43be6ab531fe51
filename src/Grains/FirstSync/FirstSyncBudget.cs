namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>
/// Whether the first sync may spend Pipedrive tokens now. It counts what it spends per UTC day and stays within
/// <see cref="FirstSyncPace.BudgetShare"/> of the company's daily budget; and it never takes the budget's last
/// <see cref="Reserve"/> (the company's own integrations and the app's live sync may have spent the rest today). What
/// does not fit waits for the budget's reset (UTC midnight assumed, see <see cref="PipedriveBudgetView"/>).
/// </summary>
public static class FirstSyncBudget
{
    /// <summary>The share of the daily budget the first sync always leaves untouched.</summary>
    public const double Reserve = 0.2;

    /// <returns>Null when <paramref name="cost"/> tokens may be spent now, else when to try again.</returns>
    public static DateTimeOffset? WaitUntil(FirstSyncState state, long cost, PipedriveBudgetView budget, FirstSyncPace pace, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(pace);
        var spent = SpentToday(state, now);
        var share = (long)Math.Floor(pace.BudgetShare * budget.DailyLimit);
        var reserve = (long)Math.Ceiling(Reserve * budget.DailyLimit);
        // A step dearer than a whole day's share (hundreds of persons sharing one address) runs first thing in a day.
        var withinShare = spent + cost <= share || spent == 0;
        return withinShare && budget.RemainingToday - cost >= reserve ? null : now + budget.UntilReset;
    }

    public static void Spend(FirstSyncState state, long cost, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.TokensToday = SpentToday(state, now) + cost;
        state.BudgetDay = Today(now);
        state.TokensSpent += cost;
    }

    private static long SpentToday(FirstSyncState state, DateTimeOffset now) => state.BudgetDay == Today(now) ? state.TokensToday : 0;

    private static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);
}
