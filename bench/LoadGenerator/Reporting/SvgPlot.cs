using System.Globalization;
using System.Net;
using System.Text;
using PipedriveMaileon.LoadGenerator.Measurement;

namespace PipedriveMaileon.LoadGenerator.Reporting;

/// <summary>Hand-written SVG charts (no external tools): line series over time and a latency histogram.</summary>
public static class SvgPlot
{
    private const int Width = 720;
    private const int Height = 320;
    private const int Left = 64;
    private const int Right = 16;
    private const int Top = 36;
    private const int Bottom = 48;
    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];

    /// <summary>One line per series: y values per second (x = index).</summary>
    public static string Lines(string title, string yLabel, IReadOnlyList<(string Name, IReadOnlyList<int> Values)> series)
    {
        var svg = Start(title);
        var maxX = Math.Max(1, series.Select(s => s.Values.Count).DefaultIfEmpty(1).Max() - 1);
        var maxY = NiceCeiling(series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        Axes(svg, yLabel, "seconds into the phase", maxY, i => N(i * maxX / 4.0, "0.#"));
        for (var s = 0; s < series.Count; s++)
        {
            var (name, values) = series[s];
            if (values.Count == 0)
            {
                continue;
            }

            var points = string.Join(' ', values.Select((v, i) => $"{N(X(i, maxX))},{N(Y(v, maxY))}"));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{Colours[s % Colours.Length]}\" stroke-width=\"2\" points=\"{points}\"/>\n");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{Left + 10}\" y=\"{Top + 16 + (s * 16)}\" fill=\"{Colours[s % Colours.Length]}\" font-size=\"12\">{Escape(name)}</text>\n");
        }

        return End(svg);
    }

    /// <summary>Bars for log-spaced latency buckets.</summary>
    public static string Histogram(string title, IReadOnlyList<HistogramBucket> buckets)
    {
        var svg = Start(title);
        var maxY = NiceCeiling(buckets.Select(b => b.Count).DefaultIfEmpty(0).Max());
        Axes(svg, "requests", "latency (ms, log buckets)", maxY, null);
        if (buckets.Count > 0)
        {
            var plotWidth = Width - Left - Right;
            var barWidth = plotWidth / (double)buckets.Count;
            for (var i = 0; i < buckets.Count; i++)
            {
                var x = Left + (i * barWidth);
                var y = Y(buckets[i].Count, maxY);
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{N(x + 1)}\" y=\"{N(y)}\" width=\"{N(Math.Max(1, barWidth - 2))}\" height=\"{N(Height - Bottom - y)}\" fill=\"{Colours[0]}\"><title>{N(buckets[i].FromMs, "0.###")}–{N(buckets[i].ToMs, "0.###")} ms: {buckets[i].Count}</title></rect>\n");
                if (buckets.Count <= 16 || i % 2 == 0)
                {
                    svg.Append(CultureInfo.InvariantCulture,
                        $"<text x=\"{N(x)}\" y=\"{Height - Bottom + 14}\" font-size=\"10\">{N(buckets[i].FromMs, "0.##")}</text>\n");
                }
            }
        }
        else
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\">no samples</text>\n");
        }

        return End(svg);
    }

    /// <summary>
    /// Throughput against the number of processes (1..n): one solid line per measured series and a dashed line of
    /// the same colour for its ideal, n × T(1).
    /// </summary>
    public static string Scaling(string title, IReadOnlyList<(string Name, IReadOnlyList<(int Processes, double Value)> Points)> series)
    {
        var svg = Start(title);
        var maxX = Math.Max(2, series.SelectMany(s => s.Points).Select(p => p.Processes).DefaultIfEmpty(2).Max());
        var ideal = series.Select(s => s.Points.Where(p => p.Processes == 1).Select(p => p.Value).FirstOrDefault()).ToList();
        var maxY = NiceCeiling(series.SelectMany(s => s.Points.Select(p => p.Value)).Concat(ideal.Select(i => i * maxX)).DefaultIfEmpty(0).Max());
        Axes(svg, "acknowledged webhooks/s", "processes under the same CPU cap", maxY, null);
        for (var n = 1; n <= maxX; n++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(ScaleX(n, maxX))}\" y=\"{Height - Bottom + 14}\" text-anchor=\"middle\" font-size=\"11\">{n}</text>\n");
        }

        for (var s = 0; s < series.Count; s++)
        {
            var (name, points) = series[s];
            var colour = Colours[s % Colours.Length];
            if (ideal[s] > 0)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"<line x1=\"{N(ScaleX(1, maxX))}\" y1=\"{N(Y(ideal[s], maxY))}\" x2=\"{N(ScaleX(maxX, maxX))}\" y2=\"{N(Y(ideal[s] * maxX, maxY))}\" stroke=\"{colour}\" stroke-dasharray=\"5,4\"/>\n");
            }

            var line = string.Join(' ', points.OrderBy(p => p.Processes).Select(p => $"{N(ScaleX(p.Processes, maxX))},{N(Y(p.Value, maxY))}"));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{line}\"/>\n");
            foreach (var (processes, value) in points)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(ScaleX(processes, maxX))}\" cy=\"{N(Y(value, maxY))}\" r=\"3\" fill=\"{colour}\"/>\n");
            }

            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{Left + 10}\" y=\"{Top + 16 + (s * 16)}\" fill=\"{colour}\" font-size=\"12\">{Escape(name)} (dashed: n × T(1))</text>\n");
        }

        return End(svg);
    }

    /// <summary>1, 2, 5 × 10^n at or above <paramref name="value"/> (at least 1).</summary>
    public static double NiceCeiling(double value)
    {
        if (value <= 1)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static StringBuilder Start(string title)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"20\" text-anchor=\"middle\" font-size=\"15\">{Escape(title)}</text>\n");
        return svg;
    }

    private static string End(StringBuilder svg) => svg.Append("</svg>\n").ToString();

    private static void Axes(StringBuilder svg, string yLabel, string xLabel, double maxY, Func<int, string>? xTick)
    {
        var bottom = Height - Bottom;
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{bottom}\" stroke=\"black\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{bottom}\" x2=\"{Width - Right}\" y2=\"{bottom}\" stroke=\"black\"/>\n");
        for (var i = 0; i <= 4; i++)
        {
            var value = maxY * i / 4;
            var y = Y(value, maxY);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{N(y)}\" x2=\"{Width - Right}\" y2=\"{N(y)}\" stroke=\"#ddd\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{N(y + 4)}\" text-anchor=\"end\" font-size=\"11\">{N(value, "0.#")}</text>\n");
            if (xTick is not null)
            {
                var x = Left + ((Width - Left - Right) * i / 4.0);
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"{bottom + 14}\" text-anchor=\"middle\" font-size=\"11\">{xTick(i)}</text>\n");
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 10}\" text-anchor=\"middle\" font-size=\"12\">{Escape(xLabel)}</text>\n");
        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"14\" y=\"{(Top + bottom) / 2}\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 14 {(Top + bottom) / 2})\">{Escape(yLabel)}</text>\n");
    }

    private static double ScaleX(int processes, int maxX) => Left + 20 + ((Width - Left - Right - 40) * (processes - 1) / (double)(maxX - 1));

    private static double X(int index, int maxX) => Left + ((Width - Left - Right) * index / (double)maxX);

    private static double Y(double value, double maxY) => Height - Bottom - ((Height - Top - Bottom) * value / maxY);

    private static string N(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
