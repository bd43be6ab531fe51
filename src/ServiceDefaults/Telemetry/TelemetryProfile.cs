using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace PipedriveMaileon.ServiceDefaults.Telemetry;

/// <summary>
/// What one process adds to the shared telemetry (<see cref="ServiceTelemetry"/>): its service name, whether it has
/// a metrics reader of its own (the web's <c>/metrics</c>, a silo's Prometheus listener), and its own instruments.
/// </summary>
public sealed class TelemetryProfile(string serviceName)
{
    /// <summary>The OpenTelemetry <c>service.name</c>, e.g. <c>pipedrive-maileon-silo</c>.</summary>
    public string ServiceName { get; } = serviceName;

    /// <summary>True when the process exports metrics itself; without it (and without OTLP) no metrics are collected.</summary>
    public bool HasOwnMetricsExporter { get; init; }

    /// <summary>Host-specific metrics: instrumentation and the host's own exporter.</summary>
    public Action<MeterProviderBuilder>? Metrics { get; init; }

    /// <summary>Host-specific tracing instrumentation (only called when OTLP is configured).</summary>
    public Action<TracerProviderBuilder>? Tracing { get; init; }
}
