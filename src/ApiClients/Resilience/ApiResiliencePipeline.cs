using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Resilience;

/// <summary>
/// The pipeline every client call of an API runs through, one for all tenants, outermost first: a total timeout, a
/// short retry, the tenant's own circuit breaker (by <see cref="ApiRequestOptions.TenantKey"/>, kept only while the
/// tenant makes calls: <see cref="TenantCircuitBreakers"/>) and a per-attempt timeout.
/// </summary>
internal static class ApiResiliencePipeline
{
    public static void Configure(
        ResiliencePipelineBuilder<HttpResponseMessage> builder,
        ApiResilienceOptions options,
        Func<HttpResponseMessage, RetryHint> readHint,
        Action<HttpRequestMessage>? onRetry = null)
    {
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "total", Timeout = options.TotalTimeout });

        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "retry",
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, options, readHint)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { } response ? readHint(response).Delay : null),
                OnRetry = args =>
                {
                    if (onRetry is not null && (args.Context.GetRequestMessage() ?? args.Outcome.Result?.RequestMessage) is { } request)
                    {
                        onRetry(request);
                    }

                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddStrategy(
            context => new TenantCircuitStrategy(new TenantCircuitBreakers(options, CountsAgainstCircuit, context.TimeProvider)),
            new TenantCircuitStrategyOptions());

        builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt", Timeout = options.AttemptTimeout });
    }

    private static bool ShouldRetry(
        Outcome<HttpResponseMessage> outcome,
        ResilienceContext context,
        ApiResilienceOptions options,
        Func<HttpResponseMessage, RetryHint> readHint)
    {
        context.Properties.Set(ApiEventSeverity.RateLimited, outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests);
        if (context.CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        var request = context.GetRequestMessage() ?? outcome.Result?.RequestMessage;
        if (request is null || !ApiRequestOptions.IsRetrySafe(request))
        {
            return false;
        }

        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }

        if (outcome.Result is not { } response || !HttpStatusRules.IsTransient((int)response.StatusCode))
        {
            return false;
        }

        var hint = readHint(response);
        return !hint.DoNotRetry && (hint.Delay is null || hint.Delay <= options.MaxRetryDelay);
    }

    // A rate limit is the server protecting itself, not failing; opening the circuit for it would hide the wait
    // the server asked for behind a generic "circuit open".
    private static bool CountsAgainstCircuit(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || (outcome.Result is { } response
            && response.StatusCode != HttpStatusCode.TooManyRequests
            && HttpStatusRules.IsTransient((int)response.StatusCode));
}
