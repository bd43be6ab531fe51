using System.Globalization;

namespace PipedriveMaileon.IntegrationTests.Infrastructure;

/// <summary>Reads the Prometheus text exposition that the web's <c>/metrics</c> and the silos' listeners serve.</summary>
public static class PrometheusText
{
    /// <summary>Sample lines (not comments) of the metric family <paramref name="name"/>.</summary>
    public static IEnumerable<string> Lines(string exposition, string name)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        return exposition.Split('\n').Where(l => l.StartsWith(name, StringComparison.Ordinal));
    }

    /// <summary>The value of one sample line.</summary>
    public static double Value(string sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return double.Parse(sample[(sample.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
