using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PipedriveMaileon.Grains.Interfaces.Observability;

namespace PipedriveMaileon.Silo.Hosting;

/// <summary>
/// The silo's telemetry. Metrics (Orleans, runtime, ours: outbox effects, transitions, deal events, API calls) on a
/// Prometheus listener at <c>http://{Telemetry:PrometheusHost}:{Telemetry:PrometheusPort}/metrics</c> (port 0 = off,
/// the default; host <c>localhost</c> unless set, e.g. <c>*</c> in containers: it has no authentication, so keep it
/// on the internal network) and over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Traces only
/// with OTLP: the grain calls (continuing the web's trace through Orleans' activity propagation), the outbox
/// effect spans and the outbound HTTP spans under them, URLs cut to scheme and host.
/// HttpClient metrics are left out on purpose: their <c>server.address</c> is the tenant's Pipedrive domain.
/// </summary>
public static class SiloTelemetry
{
    public static IHostApplicationBuilder AddSiloTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = TelemetryOptions.From(builder.Configuration);
        var otlp = !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (options.PrometheusPort == 0 && !otlp)
        {
            return builder;
        }

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("pipedrive-maileon-silo"))
            .WithMetrics(metrics =>
            {
                metrics.AddRuntimeInstrumentation()
                    .AddMeter("Microsoft.Orleans")
                    .AddMeter(TelemetryNames.Prefix + "*");
                if (options.PrometheusPort > 0)
                {
                    metrics.AddPrometheusHttpListener(o =>
                    {
                        o.Host = options.PrometheusHost;
                        o.Port = options.PrometheusPort;
                    });
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            otel.WithTracing(tracing => tracing
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddSource(TelemetryNames.OutboxActivitySource)
                .AddHttpClientInstrumentation(o =>
                {
                    o.EnrichWithHttpRequestMessage = (activity, _) => TelemetryNames.RedactHttpClientSpan(activity);
                    o.EnrichWithHttpResponseMessage = (activity, _) => TelemetryNames.RedactHttpClientSpan(activity);
                })
                .AddOtlpExporter());
        }

        return builder;
    }
}
