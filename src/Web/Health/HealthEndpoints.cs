using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using PipedriveMaileon.ServiceDefaults.Health;

namespace PipedriveMaileon.Web.Health;

public static class HealthEndpoints
{
    /// <summary>The web's own readiness check on top of the shared ones: a grain call reaches a silo.</summary>
    public static IHealthChecksBuilder AddClusterCheck(this IHealthChecksBuilder checks) =>
        checks.AddCheck<ClusterHealthCheck>("cluster", tags: [HealthChecksSetup.ReadyTag]);

    /// <summary>
    /// <c>/health/live</c>: the process answers. <c>/health/ready</c>: database and cluster reachable. Neither
    /// answer carries details (they are public).
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(HealthChecksSetup.LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteStatus });
        app.MapHealthChecks(HealthChecksSetup.ReadyPath, new HealthCheckOptions { Predicate = HealthChecksSetup.IsReadinessCheck, ResponseWriter = WriteStatus });
        return app;
    }

    private static Task WriteStatus(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "text/plain";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(HealthChecksSetup.StatusText(report.Status));
    }
}
