using System.Text.Json;

namespace PipedriveMaileon.LoadGenerator.Reporting;

/// <summary>Writes <c>&lt;date&gt;.md</c>, <c>&lt;date&gt;.json</c> and the two SVG plots next to them.</summary>
public static class ReportWriter
{
    public static async Task<string> WriteAsync(IReadOnlyList<TopologyResult> results, string directory, string? notes)
    {
        Directory.CreateDirectory(directory);
        var main = results.FirstOrDefault(r => r.Mode == "full") ?? results[0];
        var baseName = main.StartedAt.ToString("yyyy-MM-dd-HHmm", System.Globalization.CultureInfo.InvariantCulture) + (main.Tiny ? "-tiny" : "");
        var path = Path.Combine(directory, baseName);
        await File.WriteAllTextAsync(path + ".md", MarkdownReport.Render(results, baseName, notes));
        await File.WriteAllTextAsync(path + ".json", JsonSerializer.Serialize(new
        {
            targets = Targets.Judge(main, results),
            notes,
            topologies = results,
        }, ReportJson.Options));

        var series = new List<(string, IReadOnlyList<int>)>();
        foreach (var phase in new[] { main.Saturation, main.HalfRate, main.BareKestrel, main.PostgresCommit }.OfType<PhaseResult>())
        {
            series.Add(($"{phase.Name} (acked/s)", phase.AckedTimeline));
        }

        await File.WriteAllTextAsync(path + "-throughput.svg", SvgPlot.Lines("Acknowledged requests per second", "acked/s", series));
        var histogram = main.HalfRate?.Histogram ?? main.Saturation?.Histogram ?? [];
        await File.WriteAllTextAsync(path + "-latency.svg", SvgPlot.Histogram("Ingest latency at 50% of saturation", histogram));
        var scaling = ScaleOut.All(results)
            .Select(s => ($"{(s.On == "webs" ? "web nodes (1 silo)" : "silos (1 web node)")}, {(s.ActivePersons ? "persons active" : "first activations")}",
                (IReadOnlyList<(int, double)>)[.. s.Points.Select(p => (p.Processes, p.AckedPerSecond))]))
            .ToList();
        if (scaling.Count > 0)
        {
            await File.WriteAllTextAsync(path + "-scaleout.svg", SvgPlot.Scaling("Ingest under equal per-process CPU caps", scaling));
        }

        return path;
    }
}
