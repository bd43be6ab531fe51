using Orleans.Dashboard;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PipedriveMaileon.Web.Observability;

/// <summary>
/// Metrics (ASP.NET Core, outgoing HTTP, runtime, Orleans, ours) exported on <c>/metrics</c> in Prometheus format
/// behind operator login; traces across web → grains → outbound calls, exported over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class Telemetry
{
    public const string MeterPrefix = "PipedriveMaileon.";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("pipedrive-maileon-web"))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter("Microsoft.Orleans")
                    .AddMeter(MeterPrefix + "*")
                    .AddPrometheusExporter();
            })
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                    .AddHttpClientInstrumentation()
                    .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                    .AddSource(MeterPrefix + "*");
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            });
        return builder;
    }

    public static IEndpointRouteBuilder MapOperatorTelemetry(this IEndpointRouteBuilder app, string policy)
    {
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(policy);
        app.MapOrleansDashboard("/dashboard").RequireAuthorization(policy);
        return app;
    }
}
