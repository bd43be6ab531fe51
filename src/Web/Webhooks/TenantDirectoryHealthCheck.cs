using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PipedriveMaileon.Web.Webhooks;

/// <summary>Ready only once the webhook credential directory has been read: before that every webhook would get 503.</summary>
public sealed class TenantDirectoryHealthCheck(TenantCredentialDirectory directory) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(directory.IsLoaded ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("webhook credential directory not loaded yet"));
}
