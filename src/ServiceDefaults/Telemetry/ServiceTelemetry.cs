using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PipedriveMaileon.Grains.Interfaces.Observability;

namespace PipedriveMaileon.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry as every process of ours sets it up. Metrics: the .NET runtime, Orleans (<c>Microsoft.Orleans</c>),
/// ours (every meter under <see cref="TelemetryNames.Prefix"/>) and Npgsql's connection pools and command durations,
/// plus what the host adds, exported by the host's own reader and over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is
/// set. Traces only with OTLP (recording spans nobody exports would cost CPU on every webhook): Orleans grain calls,
/// our activity sources, outgoing HTTP with URLs cut to scheme and host (paths carry e-mail addresses and tokens), and
/// Npgsql commands (SQL text, never parameter values).
/// </summary>
public static class ServiceTelemetry
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private static readonly string[] OrleansActivitySources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    public static bool OtlpConfigured(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration[OtlpEndpointKey]);

    public static IHostApplicationBuilder AddServiceTelemetry(this IHostApplicationBuilder builder, TelemetryProfile profile)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(profile);
        var otlp = OtlpConfigured(builder.Configuration);
        if (!profile.HasOwnMetricsExporter && !otlp)
        {
            return builder;
        }

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(profile.ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddRuntimeInstrumentation()
                    .AddMeter("Microsoft.Orleans")
                    .AddMeter(TelemetryNames.Prefix + "*")
                    .AddNpgsqlInstrumentation();
                profile.Metrics?.Invoke(metrics);
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            otel.WithTracing(tracing =>
            {
                tracing.AddSource(OrleansActivitySources)
                    .AddSource(TelemetryNames.Prefix + "*")
                    .AddHttpClientInstrumentation(o =>
                    {
                        o.EnrichWithHttpRequestMessage = (activity, _) => TelemetryNames.RedactHttpClientSpan(activity);
                        o.EnrichWithHttpResponseMessage = (activity, _) => TelemetryNames.RedactHttpClientSpan(activity);
                    })
                    .AddNpgsql();
                profile.Tracing?.Invoke(tracing);
                tracing.AddOtlpExporter();
            });
        }

        return builder;
    }
}
