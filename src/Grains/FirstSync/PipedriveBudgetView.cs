using PipedriveMaileon.ApiClients.Pipedrive;

namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>The company's daily Pipedrive token budget as last seen, and when it resets.</summary>
public sealed record PipedriveBudgetView(long DailyLimit, long RemainingToday, TimeSpan UntilReset)
{
    /// <summary>30,000 tokens × plan multiplier 1 × one seat: no company has less.</summary>
    public const long SmallestDailyBudget = 30_000;

    /// <summary>
    /// From the latest rate-limit headers; without them, the smallest budget, untouched. The budget resets at midnight
    /// in Pipedrive's server time zone, which no header names: UTC midnight is assumed.
    /// </summary>
    public static PipedriveBudgetView From(PipedriveRateLimit? latest, DateTimeOffset now)
    {
        var limit = latest?.DailyTokenLimit is { } l && l > 0 ? l : SmallestDailyBudget;
        var remaining = Math.Clamp(latest?.DailyTokensRemaining ?? limit, 0, limit);
        var midnight = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        return new PipedriveBudgetView(limit, remaining, midnight - now);
    }
}
