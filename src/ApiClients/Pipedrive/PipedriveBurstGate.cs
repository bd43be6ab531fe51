using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>
/// Holds back a tenant's Pipedrive calls in this process while Pipedrive has asked the tenant to wait. The limits
/// are per access token (a rolling 2 s burst window) and per company (the daily token budget), and every person and
/// deal grain of a tenant on a silo shares that token: left alone, hundreds of grains each meet the 429 and keep
/// knocking, and since refused requests also land in the window, the window never empties. The reference's client
/// strategy is to stop and wait instead: after a 429 the tenant pauses for <c>max(Retry-After, x-ratelimit-reset, 2 s)</c>
/// (until the reset when the daily budget is spent), and when <c>x-ratelimit-remaining</c> reaches 0 it pauses until
/// <c>x-ratelimit-reset</c>. A caller meeting a short pause waits it out; during a longer one it is answered here
/// with a 429 carrying the remaining wait, without calling Pipedrive, so its outbox entry waits that long.
/// </summary>
public sealed class PipedriveBurstGate(TimeProvider time)
{
    /// <summary>Pauses up to this long are waited out inside the call; longer ones end it with a local 429.</summary>
    public static readonly TimeSpan MaxInlineWait = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Pause> pauses = new(StringComparer.Ordinal);

    /// <summary>How long the tenant's calls must still wait (null: not paused).</summary>
    public TimeSpan? PausedFor(string tenantKey)
    {
        if (!pauses.TryGetValue(tenantKey, out var pause))
        {
            return null;
        }

        var left = pause.Until - time.GetUtcNow();
        if (left > TimeSpan.Zero)
        {
            return left;
        }

        pauses.TryRemove(new KeyValuePair<string, Pause>(tenantKey, pause));
        return null;
    }

    /// <summary>Learns from a response whether the tenant must pause.</summary>
    internal void Observe(string tenantKey, HttpResponseMessage response)
    {
        var limit = PipedriveRateLimit.FromHeaders(response, time);
        TimeSpan? wait = null;
        var daily = false;
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            daily = limit.DailyBudgetExhausted;
            wait = daily ? limit.RetryAfter ?? limit.BurstResetsIn ?? MaxInlineWait : PipedriveRetryHints.BurstWait(limit);
        }
        else if (limit.BurstRemaining is <= 0 && limit.BurstResetsIn is { } reset && reset > TimeSpan.Zero)
        {
            wait = reset;
        }

        if (wait is not { } duration || duration <= TimeSpan.Zero)
        {
            return;
        }

        var pause = new Pause(time.GetUtcNow() + duration, daily);
        pauses.AddOrUpdate(tenantKey, pause, (_, existing) => existing.Until >= pause.Until ? existing : pause);
    }

    /// <summary>The answer for a call made while the tenant is paused for longer than <see cref="MaxInlineWait"/>.</summary>
    internal HttpResponseMessage HeldBack(string tenantKey, HttpRequestMessage request, TimeSpan left)
    {
        var daily = pauses.TryGetValue(tenantKey, out var pause) && pause.Daily;
        var seconds = Math.Max(1, (int)Math.Ceiling(left.TotalSeconds));
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
        {
            RequestMessage = request,
            Content = new StringContent(
                """{"success":false,"error":"Request over limit","error_info":"Held back by the app: Pipedrive asked this company to wait."}""",
                Encoding.UTF8,
                "application/json"),
        };
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        response.Headers.TryAddWithoutValidation("x-ratelimit-reset", seconds.ToString(CultureInfo.InvariantCulture));
        if (daily)
        {
            response.Headers.TryAddWithoutValidation("x-daily-ratelimit-token-remaining", "0");
        }

        return response;
    }

    private sealed record Pause(DateTimeOffset Until, bool Daily);
}
