using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using PipedriveMaileon.ServiceDefaults.Clustering;
using PipedriveMaileon.ServiceDefaults.Database;
using PipedriveMaileon.ServiceDefaults.Health;
using PipedriveMaileon.ServiceDefaults.Telemetry;

namespace PipedriveMaileon.ServiceDefaults;

/// <summary>
/// What the silo and the web front end set up alike: OpenTelemetry (<see cref="ServiceTelemetry"/>), health checks
/// with the database check (<see cref="HealthChecksSetup"/>), the Orleans cluster identity and Npgsql's logging. Call
/// it before <c>UseOrleans</c>/<c>UseOrleansClient</c>; the returned builder takes the host's own health checks.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public static IHealthChecksBuilder AddServiceDefaults(this IHostApplicationBuilder builder, TelemetryProfile telemetry)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHostedService<NpgsqlGlobalLogging>();
        builder.Services.AddClusterIdentity(builder.Configuration);
        builder.AddServiceTelemetry(telemetry);
        return builder.Services.AddDefaultHealthChecks();
    }
}
