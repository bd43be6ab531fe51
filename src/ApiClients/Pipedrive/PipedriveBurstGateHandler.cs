using PipedriveMaileon.ApiClients.Resilience;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>Passes each attempt of a Pipedrive API call through the tenant's <see cref="PipedriveBurstGate"/>.</summary>
internal sealed class PipedriveBurstGateHandler(PipedriveBurstGate gate, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var tenantKey = ApiRequestOptions.GetTenantKey(request);
        if (gate.PausedFor(tenantKey) is { } wait)
        {
            if (wait > PipedriveBurstGate.MaxInlineWait)
            {
                return gate.HeldBack(tenantKey, request, wait);
            }

            await Task.Delay(wait, time, cancellationToken);
        }

        var response = await base.SendAsync(request, cancellationToken);
        gate.Observe(tenantKey, response);
        return response;
    }
}
