using System.Net;
using PipedriveMaileon.ApiClients.Resilience;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>How Pipedrive responses steer the retry inside a call.</summary>
internal static class PipedriveRetryHints
{
    /// <summary>The burst window is 2 s; waiting less than that after a 429 is pointless.</summary>
    public static readonly TimeSpan MinimumBurstWait = TimeSpan.FromSeconds(2);

    public static RetryHint Read(HttpResponseMessage response, TimeProvider time)
    {
        if (response.StatusCode != HttpStatusCode.TooManyRequests)
        {
            return new RetryHint(RetryHint.RetryAfter(response, time), false);
        }

        var limit = PipedriveRateLimit.FromHeaders(response, time);
        if (limit.DailyBudgetExhausted)
        {
            return new RetryHint(null, DoNotRetry: true);
        }

        return new RetryHint(BurstWait(limit), false);
    }

    /// <summary>How long a burst 429 asks to wait: <c>max(Retry-After, x-ratelimit-reset, 2 s)</c>.</summary>
    public static TimeSpan BurstWait(PipedriveRateLimit limit) =>
        RetryHint.Max(RetryHint.Max(limit.RetryAfter, limit.BurstResetsIn), MinimumBurstWait)!.Value;
}
