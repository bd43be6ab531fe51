using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PipedriveMaileon.ServiceDefaults.Health;

/// <summary>
/// The health model every process shares: <c>/health/live</c> = the process answers (no check runs);
/// <c>/health/ready</c> = every check tagged <see cref="ReadyTag"/> passes (PostgreSQL answers, plus what the host
/// adds: the web's cluster check, the silo's membership check). Answers carry no details: they are public.
/// </summary>
public static class HealthChecksSetup
{
    public const string ReadyTag = "ready";
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    /// <summary>Registers the health-check service with the database check; returns the builder for the host's own.</summary>
    public static IHealthChecksBuilder AddDefaultHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);

    public static bool IsReadinessCheck(HealthCheckRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return registration.Tags.Contains(ReadyTag);
    }

    /// <summary>The whole public answer: <c>ok</c> or <c>unavailable</c>.</summary>
    public static string StatusText(HealthStatus status) => status == HealthStatus.Healthy ? "ok" : "unavailable";
}
