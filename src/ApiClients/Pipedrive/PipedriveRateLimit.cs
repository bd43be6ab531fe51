using System.Globalization;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>
/// The rate-limit headers of one Pipedrive response. Any value may be missing: Pipedrive sometimes omits the
/// daily headers (e.g. right after long inactivity).
/// </summary>
/// <param name="BurstLimit"><c>x-ratelimit-limit</c>: requests allowed per rolling 2-second window (per token).</param>
/// <param name="BurstRemaining"><c>x-ratelimit-remaining</c>.</param>
/// <param name="BurstResetsIn"><c>x-ratelimit-reset</c>: seconds until the window resets (a duration, not a time).</param>
/// <param name="DailyTokenLimit"><c>x-daily-ratelimit-token-limit</c>: the company's daily token budget.</param>
/// <param name="DailyTokensRemaining"><c>x-daily-ratelimit-token-remaining</c>.</param>
/// <param name="RetryAfter"><c>Retry-After</c>, usually only on 429.</param>
/// <param name="ObservedAt">When the response arrived.</param>
public sealed record PipedriveRateLimit(
    int? BurstLimit,
    int? BurstRemaining,
    TimeSpan? BurstResetsIn,
    long? DailyTokenLimit,
    long? DailyTokensRemaining,
    TimeSpan? RetryAfter,
    DateTimeOffset ObservedAt)
{
    public bool DailyBudgetExhausted => DailyTokensRemaining is <= 0;

    public bool HasAnyValue =>
        BurstLimit is not null || BurstRemaining is not null || BurstResetsIn is not null
        || DailyTokenLimit is not null || DailyTokensRemaining is not null || RetryAfter is not null;

    internal static PipedriveRateLimit FromHeaders(HttpResponseMessage response, TimeProvider time) => new(
        BurstLimit: ToInt32(ReadInteger(response, "x-ratelimit-limit")),
        BurstRemaining: ToInt32(ReadInteger(response, "x-ratelimit-remaining")),
        BurstResetsIn: ReadInteger(response, "x-ratelimit-reset") is { } seconds ? TimeSpan.FromSeconds(Math.Max(0, seconds)) : null,
        DailyTokenLimit: ReadInteger(response, "x-daily-ratelimit-token-limit"),
        DailyTokensRemaining: ReadInteger(response, "x-daily-ratelimit-token-remaining"),
        RetryAfter: Resilience.RetryHint.RetryAfter(response, time),
        ObservedAt: time.GetUtcNow());

    private static int? ToInt32(long? value) => value is { } number ? (int)Math.Clamp(number, int.MinValue, int.MaxValue) : null;

    private static long? ReadInteger(HttpResponseMessage response, string name)
    {
        if (!response.Headers.TryGetValues(name, out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            if (long.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }
        }

        return null;
    }
}
