using System.Globalization;

namespace PipedriveMaileon.LoadGenerator.Measurement;

/// <summary>
/// Reads <see cref="SiloTraffic"/> from each silo's Prometheus listener (the silo's <c>Telemetry:PrometheusPort</c>,
/// which bench.sh opens on every silo): Orleans' messaging and directory counters and .NET's GC pause time, in the
/// OpenTelemetry exporter's text format. The silos only count what they did, so a cluster measured in turns beside
/// others reads its own traffic alone.
/// </summary>
public sealed class SiloCounters(IReadOnlyList<Uri> endpoints) : IDisposable
{
    private const string SentMessages = "orleans_messaging_sent_messages_size_bytes_count";
    private const string GcPause = "dotnet_gc_pause_time_seconds_total";

    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The totals over every silo; null when one of them did not answer (a silo that died mid-phase).</summary>
    public async Task<SiloTraffic?> ReadAsync()
    {
        var total = SiloTraffic.None;
        foreach (var endpoint in endpoints)
        {
            try
            {
                total += Parse(await http.GetStringAsync(endpoint));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return null;
            }
        }

        return total;
    }

    /// <summary>One silo's counters from its exposition text; a counter it has not reported yet counts as zero.</summary>
    public static SiloTraffic Parse(string exposition)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        double remote = 0, directory = 0, gcPause = 0;
        foreach (var raw in exposition.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var labelsEnd = line.LastIndexOf('}');
            var valueStart = line.IndexOf(' ', Math.Max(0, labelsEnd));
            if (valueStart < 0)
            {
                continue;
            }

            var series = line[..valueStart];
            var braceAt = series.IndexOf('{');
            var name = braceAt < 0 ? series : series[..braceAt];
            var labels = braceAt < 0 ? "" : series[braceAt..];
            var valueText = line[(valueStart + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            if (name == SentMessages && labels.Contains("ConnectionDirection=\"SiloToSilo\"", StringComparison.Ordinal)
                && labels.Contains("MessageDirection=\"Request\"", StringComparison.Ordinal))
            {
                remote += value;
            }
            else if (name.StartsWith("orleans_directory_", StringComparison.Ordinal) && name.EndsWith("_remote_sent_total", StringComparison.Ordinal))
            {
                directory += value;
            }
            else if (name == GcPause)
            {
                gcPause += value;
            }
        }

        return new SiloTraffic(remote, directory, gcPause);
    }

    public void Dispose() => http.Dispose();
}
