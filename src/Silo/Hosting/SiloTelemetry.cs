using OpenTelemetry.Metrics;
using PipedriveMaileon.Grains.Interfaces.Observability;
using PipedriveMaileon.ServiceDefaults.Telemetry;

namespace PipedriveMaileon.Silo.Hosting;

/// <summary>
/// The silo's part of the shared telemetry (<see cref="ServiceTelemetry"/>): a Prometheus listener at
/// <c>http://{Telemetry:PrometheusHost}:{Telemetry:PrometheusPort}/metrics</c> (port 0 = off, the default; host
/// <c>localhost</c> unless set, e.g. <c>*</c> in containers: it has no authentication, so keep it on the internal
/// network). HttpClient metrics are left out on purpose: their <c>server.address</c> is the tenant's Pipedrive domain.
/// </summary>
public static class SiloTelemetry
{
    public const string ServiceName = "pipedrive-maileon-silo";

    public static TelemetryProfile Profile(IConfiguration configuration)
    {
        var options = TelemetryOptions.From(configuration);
        return new TelemetryProfile(ServiceName)
        {
            HasOwnMetricsExporter = options.PrometheusPort > 0,
            Metrics = metrics =>
            {
                if (options.PrometheusPort > 0)
                {
                    metrics.AddPrometheusHttpListener(o =>
                    {
                        o.Host = options.PrometheusHost;
                        o.Port = options.PrometheusPort;
                    });
                }
            },
        };
    }
}
