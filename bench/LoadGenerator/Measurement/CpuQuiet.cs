using System.Diagnostics;

namespace PipedriveMaileon.LoadGenerator.Measurement;

/// <summary>Waits for processes to finish the work a phase left them, judged by their CPU use.</summary>
public static class CpuQuiet
{
    /// <summary>
    /// Reads the processes' CPU every <paramref name="window"/> until <paramref name="quiet"/> holds for the cores each
    /// used over the last window; answers the time until the work ended (the quiet window itself not counted), or
    /// null when they were still busy after <paramref name="max"/>.
    /// </summary>
    public static async Task<TimeSpan?> UntilQuietAsync(IReadOnlyList<int> pids, TimeSpan window, TimeSpan max, Func<IReadOnlyList<double>, bool> quiet)
    {
        ArgumentNullException.ThrowIfNull(quiet);
        var clock = Stopwatch.StartNew();
        var before = ProcessCpu.Snapshot(pids);
        var lap = Stopwatch.StartNew();
        while (clock.Elapsed < max)
        {
            await Task.Delay(window);
            var after = ProcessCpu.Snapshot(pids);
            var seconds = lap.Elapsed.TotalSeconds;
            var cores = after.Where(a => before.ContainsKey(a.Key)).Select(a => (a.Value - before[a.Key]) / seconds).ToList();
            (before, lap) = (after, Stopwatch.StartNew());
            if (quiet(cores))
            {
                return clock.Elapsed > window ? clock.Elapsed - window : TimeSpan.Zero;
            }
        }

        return null;
    }
}
