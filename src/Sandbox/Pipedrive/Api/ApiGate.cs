using System.Globalization;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PipedriveMaileon.Sandbox.Pipedrive.Wire;

namespace PipedriveMaileon.Sandbox.Pipedrive.Api;

/// <summary>
/// In front of every API route: bearer token check (401 as documented), the operation's scopes where the route
/// declares them (<see cref="RequiredScopes"/>, 403), forced and modelled rate limits (per-token
/// 2 s burst window, per-company daily token budget, 429 with <c>Retry-After</c>), the rate-limit headers, and the
/// per-company, per-operation call and token-cost counters.
/// </summary>
public sealed partial class ApiGate(PipedriveStore store, IOptions<PipedriveEmulatorOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return PipedriveResponses.Json(PipedriveResponses.UnauthorizedBody(), StatusCodes.Status401Unauthorized);
        }

        var token = header["Bearer ".Length..].Trim();
        var endpoint = http.GetEndpoint();
        var scopes = endpoint?.Metadata.GetMetadata<RequiredScopes>();
        var cost = endpoint?.Metadata.GetMetadata<TokenCost>()?.Tokens ?? 0;
        var name = $"{http.Request.Method} {Normalise((endpoint as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? "/")}";
        var limits = options.Value;
        IResult? refusal = null;
        lock (store.Gate)
        {
            var grant = store.FindAccessToken(token);
            if (grant is null || grant.Revoked || grant.ExpiresAt <= store.Now)
            {
                return PipedriveResponses.Json(PipedriveResponses.UnauthorizedBody(), StatusCodes.Status401Unauthorized);
            }

            if (scopes is not null && !scopes.IsSatisfiedBy(GrantedScopes()))
            {
                return PipedriveResponses.Json(PipedriveResponses.ScopeMismatchBody(), StatusCodes.Status403Forbidden);
            }

            new ApiCaller(grant.CompanyId, grant.UserId).Attach(http);
            var usage = store.UsageOf(grant.CompanyId, name);
            usage.Calls++;
            var (inWindow, resetsIn) = store.CountBurst(token);
            var spent = store.SpentToday(grant.CompanyId);
            var rule = ForcedRule(grant.CompanyId);
            if (rule is not null)
            {
                refusal = TooMany(http, rule.RetryAfterSeconds, rule.DailyBudget);
                if (rule.DailyBudget)
                {
                    spent = limits.DailyTokenBudget;
                }
            }
            else if (inWindow > limits.BurstLimit)
            {
                refusal = TooMany(http, Math.Max(1, (int)Math.Ceiling(resetsIn.TotalSeconds)), false);
            }
            else if (spent + cost > limits.DailyTokenBudget)
            {
                refusal = TooMany(http, SecondsToMidnight(), true);
            }
            else
            {
                store.Spend(grant.CompanyId, cost);
                usage.TokenCost += cost;
                spent += cost;
            }

            if (refusal is not null)
            {
                usage.RateLimited++;
            }

            var headers = http.Response.Headers;
            headers["x-ratelimit-limit"] = Text(limits.BurstLimit);
            headers["x-ratelimit-remaining"] = Text(Math.Max(0, limits.BurstLimit - inWindow));
            headers["x-ratelimit-reset"] = Text(Math.Max(1, (int)Math.Ceiling(resetsIn.TotalSeconds)));
            headers["x-daily-requests-left"] = Text(Math.Max(0, 10_000 - store.Usage.Where(u => u.CompanyId == grant.CompanyId).Sum(u => u.Calls)));
            if (limits.SendDailyBudgetHeaders)
            {
                headers["x-daily-ratelimit-token-limit"] = Text(limits.DailyTokenBudget);
                headers["x-daily-ratelimit-token-remaining"] = Text(Math.Max(0, limits.DailyTokenBudget - spent));
            }
        }

        return refusal ?? await next(context);
    }

    /// <summary><c>/v1/x</c> (api.pipedrive.com style) and <c>/api/v1/x</c> count as the same operation.</summary>
    /// <summary>Route constraints are dropped: <c>{id:long}</c> is reported as <c>{id}</c>, as in the spec.</summary>
    private static string Normalise(string pattern)
    {
        var path = RouteConstraint().Replace(pattern, "{$1}");
        return path.StartsWith("/v1/", StringComparison.Ordinal) ? "/api" + path : path;
    }

    [GeneratedRegex(@"\{(\w+):[^}]+\}", RegexOptions.CultureInvariant)]
    private static partial Regex RouteConstraint();

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Every token carries the scopes the app has in Developer Hub (<c>Sandbox:Pipedrive:Scopes</c>).</summary>
    private HashSet<string> GrantedScopes() =>
        [.. options.Value.Scopes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private RateLimitRule? ForcedRule(long companyId)
    {
        var now = store.Now;
        store.RateLimitRules.RemoveAll(r => (r.Remaining is { } left && left <= 0) || (r.Until is { } until && until <= now));
        for (var i = 0; i < store.RateLimitRules.Count; i++)
        {
            var rule = store.RateLimitRules[i];
            if (rule.CompanyId is { } id && id != companyId)
            {
                continue;
            }

            if (rule.Remaining is { } remaining)
            {
                store.RateLimitRules[i] = rule with { Remaining = remaining - 1 };
            }

            return rule;
        }

        return null;
    }

    private int SecondsToMidnight()
    {
        var now = store.Now.UtcDateTime;
        return (int)Math.Ceiling((now.Date.AddDays(1) - now).TotalSeconds);
    }

    private static IResult TooMany(HttpContext http, int retryAfterSeconds, bool daily)
    {
        http.Response.Headers.RetryAfter = Text(retryAfterSeconds);
        var body = PipedriveResponses.ErrorBody("Request over limit");
        if (daily)
        {
            body["code"] = "daily_token_budget_exhausted";
        }

        return PipedriveResponses.Json(body, StatusCodes.Status429TooManyRequests);
    }
}
