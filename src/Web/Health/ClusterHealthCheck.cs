using Microsoft.Extensions.Diagnostics.HealthChecks;
using PipedriveMaileon.Grains.Interfaces.Operations;

namespace PipedriveMaileon.Web.Health;

/// <summary>Ready only when a grain call reaches a silo and returns.</summary>
public sealed class ClusterHealthCheck(IClusterClient client) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.GetGrain<IClusterProbeGrain>("health").Read().WaitAsync(Timeout, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return HealthCheckResult.Unhealthy("cluster unreachable", ex);
        }
    }
}
