using Orleans.Dashboard;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PipedriveMaileon.Grains.Interfaces.Observability;
using PipedriveMaileon.ServiceDefaults.Telemetry;

namespace PipedriveMaileon.Web.Observability;

/// <summary>
/// The web's part of the shared telemetry (<see cref="ServiceTelemetry"/>): ASP.NET Core and outgoing HTTP metrics,
/// exported on <c>/metrics</c> in Prometheus format behind operator login; request spans (health and metrics scrapes
/// left out) when OTLP is configured. Plus the web's own instruments: webhook counters and the outbox backlog gauges.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "pipedrive-maileon-web";

    public static TelemetryProfile Profile { get; } = new(ServiceName)
    {
        HasOwnMetricsExporter = true,
        Metrics = metrics => metrics.AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddPrometheusExporter(),
        Tracing = tracing => tracing.AddAspNetCoreInstrumentation(o => o.Filter = context =>
            !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/metrics")),
    };

    /// <summary>The web's own instruments (webhook counters, backlog gauges) and the tenant-label budget they share.</summary>
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var options = TelemetryOptions.From(builder.Configuration);
        builder.Services.AddSingleton(new TenantLabels(options.TenantLabels, options.MaxTenantLabels));
        builder.Services.AddSingleton<WebhookMetrics>();
        builder.Services.AddSingleton<OutboxBacklogGauges>();
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
