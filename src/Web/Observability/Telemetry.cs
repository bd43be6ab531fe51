using Orleans.Dashboard;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PipedriveMaileon.Grains.Interfaces.Observability;

namespace PipedriveMaileon.Web.Observability;

/// <summary>
/// Metrics (ASP.NET Core, outgoing HTTP, runtime, Orleans client, ours) exported on <c>/metrics</c> in Prometheus
/// format behind operator login, and over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Traces (web request →
/// Orleans client call, continued by the silos) are only collected when that OTLP endpoint is set: without an
/// exporter, recording spans on every webhook would cost CPU for nothing.
/// </summary>
public static class Telemetry
{
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var otlp = !string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var options = TelemetryOptions.From(configuration);
        builder.Services.AddSingleton(new TenantLabels(options.TenantLabels, options.MaxTenantLabels));
        builder.Services.AddSingleton<WebhookMetrics>();
        builder.Services.AddSingleton<OutboxBacklogGauges>();

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("pipedrive-maileon-web"))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter("Microsoft.Orleans")
                    .AddMeter(TelemetryNames.Prefix + "*")
                    .AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            otel.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/metrics"))
                .AddHttpClientInstrumentation(o =>
                {
                    o.EnrichWithHttpRequestMessage = (activity, _) => TelemetryNames.RedactHttpClientSpan(activity);
                    o.EnrichWithHttpResponseMessage = (activity, _) => TelemetryNames.RedactHttpClientSpan(activity);
                })
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddSource(TelemetryNames.Prefix + "*")
                .AddOtlpExporter());
        }

        return builder;
    }

    public static IEndpointRouteBuilder MapOperatorTelemetry(this IEndpointRouteBuilder app, string policy)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (TelemetryOptions.From(app.ServiceProvider.GetRequiredService<IConfiguration>()).BacklogGauges)
        {
            // The gauges exist once created; created here so the first scrape already has them.
            _ = app.ServiceProvider.GetRequiredService<OutboxBacklogGauges>();
        }

        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(policy);
        app.MapOrleansDashboard("/dashboard").RequireAuthorization(policy);
        return app;
    }
}
