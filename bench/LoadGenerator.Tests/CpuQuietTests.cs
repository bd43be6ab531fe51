using System.Diagnostics;
using PipedriveMaileon.LoadGenerator.Measurement;

namespace PipedriveMaileon.LoadGenerator.Tests;

public sealed class CpuQuietTests
{
    [Fact]
    public async Task A_process_that_keeps_working_is_not_quiet_and_the_wait_ends_at_its_limit()
    {
        using var busy = new BusyProcess();
        var waited = Stopwatch.StartNew();
        var quiet = await CpuQuiet.UntilQuietAsync([busy.Id], TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1), cores => cores.Sum() < 0.02);
        Assert.Null(quiet);
        Assert.InRange(waited.Elapsed.TotalSeconds, 1, 30);
    }

    [Fact]
    public async Task An_idle_process_is_quiet_after_the_first_window_which_is_not_counted()
    {
        using var idle = Process.Start(new ProcessStartInfo("sleep", ["30"]))!;
        try
        {
            var quiet = await CpuQuiet.UntilQuietAsync([idle.Id], TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10), cores => cores.Sum() < 0.02);
            Assert.NotNull(quiet);
            Assert.InRange(quiet.Value.TotalSeconds, 0, 5);
        }
        finally
        {
            idle.Kill();
        }
    }
}
