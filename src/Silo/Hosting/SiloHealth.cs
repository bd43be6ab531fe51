using PipedriveMaileon.ServiceDefaults.Health;

namespace PipedriveMaileon.Silo.Hosting;

public static class SiloHealth
{
    /// <summary>The silo's readiness check and, when <c>Health:Port</c> is set, the listener that serves it.</summary>
    public static IHealthChecksBuilder AddSiloHealth(this IHealthChecksBuilder checks, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(checks);
        checks.AddCheck<SiloMembershipHealthCheck>("silo", tags: [HealthChecksSetup.ReadyTag]);
        var section = configuration.GetSection(SiloHealthOptions.Section);
        checks.Services.AddOptions<SiloHealthOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        if (section.Get<SiloHealthOptions>() is { Port: > 0 })
        {
            checks.Services.AddHostedService<SiloHealthListener>();
        }

        return checks;
    }
}
