using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace PipedriveMaileon.Grains.Interfaces.Observability;

/// <summary>
/// The <c>Telemetry</c> configuration section, read by web and silo. Read by hand (not bound options) because the
/// hosts need it while they are being built.
/// </summary>
public sealed record TelemetryOptions(bool TenantLabels, int MaxTenantLabels, bool BacklogGauges, int PrometheusPort, string PrometheusHost)
{
    public const string Section = "Telemetry";

    public static TelemetryOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var port = Int(section, "PrometheusPort", 0);
        if (port is < 0 or > 65535)
        {
            throw new InvalidOperationException($"Telemetry:PrometheusPort must be 0 (off) or a TCP port, not {port}.");
        }

        var max = Int(section, "MaxTenantLabels", Observability.TenantLabels.DefaultLimit);
        if (max < 0)
        {
            throw new InvalidOperationException($"Telemetry:MaxTenantLabels must not be negative, not {max}.");
        }

        var host = section["PrometheusHost"] is { Length: > 0 } configured ? configured : "localhost";
        return new TelemetryOptions(Bool(section, "TenantLabels", true), max, Bool(section, "BacklogGauges", true), port, host);
    }

    private static bool Bool(IConfigurationSection section, string key, bool fallback) =>
        section[key] is { Length: > 0 } text
            ? bool.TryParse(text, out var value) ? value : throw new InvalidOperationException($"Telemetry:{key} must be true or false, not '{text}'.")
            : fallback;

    private static int Int(IConfigurationSection section, string key, int fallback) =>
        section[key] is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw new InvalidOperationException($"Telemetry:{key} must be a number, not '{text}'.")
            : fallback;
}
