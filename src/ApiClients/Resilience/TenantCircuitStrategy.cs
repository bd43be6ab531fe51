using Polly;

namespace PipedriveMaileon.ApiClients.Resilience;

/// <summary>The step of the shared pipeline that runs each attempt through its tenant's own circuit breaker.</summary>
internal sealed class TenantCircuitStrategy(TenantCircuitBreakers breakers) : ResilienceStrategy<HttpResponseMessage>
{
    protected override ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback,
        ResilienceContext context,
        TState state)
    {
        var tenantKey = context.GetRequestMessage() is { } request ? ApiRequestOptions.GetTenantKey(request) : ApiRequestOptions.SharedTenantKey;
        return breakers.For(tenantKey).ExecuteOutcomeAsync(callback, context, state);
    }
}
