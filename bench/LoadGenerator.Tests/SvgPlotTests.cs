using System.Xml.Linq;
using PipedriveMaileon.LoadGenerator.Load;
using PipedriveMaileon.LoadGenerator.Measurement;
using PipedriveMaileon.LoadGenerator.Reporting;

namespace PipedriveMaileon.LoadGenerator.Tests;

public sealed class SvgPlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Lines_draw_one_polyline_per_series_with_escaped_labels()
    {
        var svg = XDocument.Parse(SvgPlot.Lines("Throughput <&>", "acked/s", [("a & b", [1, 5, 3]), ("c", [2, 2, 2])]));
        Assert.Equal(2, svg.Descendants(Svg + "polyline").Count());
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "a & b");
        Assert.Equal(3, svg.Descendants(Svg + "polyline").First().Attribute("points")!.Value.Split(' ').Length);
    }

    [Fact]
    public void Histogram_draws_a_bar_per_bucket_and_copes_with_none()
    {
        var svg = XDocument.Parse(SvgPlot.Histogram("Latency", [new HistogramBucket(1, 2, 5), new HistogramBucket(2, 4, 0), new HistogramBucket(4, 8, 9)]));
        Assert.Equal(4, svg.Descendants(Svg + "rect").Count()); // background + 3 bars
        Assert.Contains("no samples", SvgPlot.Histogram("Latency", []), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 5)]
    [InlineData(17, 20)]
    [InlineData(1234, 2000)]
    [InlineData(5000, 5000)]
    public void Axis_ceiling_is_one_two_or_five_times_a_power_of_ten(double value, double expected) =>
        Assert.Equal(expected, SvgPlot.NiceCeiling(value));

    [Fact]
    public void Progress_bar_fills_proportionally()
    {
        Assert.Equal("[#####.....]", Progress.Bar(0.5, 10));
        Assert.Equal("[..........]", Progress.Bar(-1, 10));
        Assert.Equal("[##########]", Progress.Bar(2, 10));
    }
}
