using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PipedriveMaileon.Grains.Interfaces.Observability;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.ServiceDefaults.Telemetry;

namespace PipedriveMaileon.Silo.Hosting;

/// <summary>
/// The silo's part of the shared telemetry (<see cref="ServiceTelemetry"/>): a Prometheus listener at
/// <c>http://{Telemetry:PrometheusHost}:{Telemetry:PrometheusPort}/metrics</c> (port 0 = off, the default; host
/// <c>localhost</c> unless set, e.g. <c>*</c> in containers: it has no authentication, so keep it on the internal
/// network). HttpClient metrics are left out on purpose: their <c>server.address</c> is the tenant's Pipedrive domain.
/// Traces (with OTLP) leave out the outbox's turns, which are calls of a grain to itself: each would be a trace of its
/// own for every step of every grain. The effect's own span is kept (it links to the work's origin).
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
            Tracing = tracing => tracing.SetSampler(new RootSpansLeftOut(OutboxTurnSpans.Names)),
        };
    }
}
