using System.Diagnostics;

namespace PipedriveMaileon.LoadGenerator.Load;

/// <summary>
/// A progress bar on stderr for the running phase: redrawn in place on a terminal, one line every few seconds
/// when stderr is a file or pipe (CI logs).
/// </summary>
public sealed class Progress : IDisposable
{
    private readonly string phase;
    private readonly long? total;
    private readonly TimeSpan? duration;
    private readonly string unit;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Timer timer;
    private readonly bool interactive = !Console.IsErrorRedirected;
    private long done;
    private TimeSpan lastLine;

    /// <param name="unit">What <see cref="Advance"/> counts, as the line shows it.</param>
    public Progress(string phase, long? total = null, TimeSpan? duration = null, string unit = "req")
    {
        this.phase = phase;
        this.total = total;
        this.duration = duration;
        this.unit = unit;
        timer = new Timer(_ => Draw(false), null, 200, 200);
    }

    public static Progress Silent { get; } = new("", 0) { };

    public void Advance(long by = 1) => Interlocked.Add(ref done, by);

    public static string Bar(double fraction, int width)
    {
        var filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * width);
        return "[" + new string('#', filled) + new string('.', width - filled) + "]";
    }

    public void Dispose()
    {
        timer.Dispose();
        if (phase.Length > 0)
        {
            Draw(true);
        }
    }

    private void Draw(bool final)
    {
        if (phase.Length == 0)
        {
            return;
        }

        var elapsed = clock.Elapsed;
        var count = Interlocked.Read(ref done);
        var fraction = final ? 1.0
            : total is > 0 ? (double)count / total.Value
            : duration is { } d ? elapsed / d
            : 0;
        var rate = count / Math.Max(elapsed.TotalSeconds, 0.001);
        var line = $"{Bar(fraction, 30)} {fraction,4:P0} {phase,-28} {count,8} {unit} {rate,8:F0}/s {elapsed.TotalSeconds,5:F0} s";
        lock (this)
        {
            if (interactive)
            {
                Console.Error.Write("\r" + line + (final ? Environment.NewLine : string.Empty));
            }
            else if (final || elapsed - lastLine >= TimeSpan.FromSeconds(5))
            {
                lastLine = elapsed;
                Console.Error.WriteLine(line);
            }
        }
    }
}
