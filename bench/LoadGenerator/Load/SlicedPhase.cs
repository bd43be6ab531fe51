using PipedriveMaileon.LoadGenerator.Measurement;
using PipedriveMaileon.LoadGenerator.Reporting;

namespace PipedriveMaileon.LoadGenerator.Load;

/// <summary>
/// A closed-loop phase measured in slices with other work between them (the PostgreSQL reference, other clusters'
/// turns): each slice sends for its length, with the request indices going on from the slice before, then waits for
/// what the caller names (the work its requests left to be done); the cost meter runs over both and pauses between
/// slices. The phase's time is the slices' time with their waits.
/// </summary>
public sealed class SlicedPhase(string name, Func<long, CancellationToken, Task<int>> send, int inFlight, TimeSpan slice, CostMeter meter)
{
    private readonly RequestLog log = new();
    private TimeSpan time;
    private TimeSpan waited;
    private long sent;
    private int slices;

    /// <summary>Slice <paramref name="number"/> of <paramref name="of"/> (for the progress line), then <paramref name="wait"/>.</summary>
    public async Task RunSliceAsync(int number, int of, Func<Task<TimeSpan>> wait)
    {
        await meter.ResumeAsync();
        var offset = sent;
        RequestLog part;
        using (var progress = new Progress($"{name}, slice {number} of {of}", duration: slice))
        {
            part = await LoadRunner.ClosedLoopAsync((n, ct) => send(offset + n, ct), inFlight, slice, null, progress);
        }

        var after = await wait();
        await meter.PauseAsync();
        sent += part.Count;
        waited += after;
        slices++;
        time += log.Append(part, time, slice) + after;
    }

    /// <summary>The phase over every slice run, with its cost per acknowledged request.</summary>
    public async Task<(PhaseResult Phase, PhaseCost Cost)> ResultAsync()
    {
        var result = BenchRun.Summarise(name, log, time, null) with { InFlight = inFlight, Slices = slices, SettleSeconds = waited.TotalSeconds };
        return (result, await meter.CostAsync(result.Acknowledged));
    }
}
