using System.Diagnostics;
using PipedriveMaileon.LoadGenerator.Measurement;

namespace PipedriveMaileon.LoadGenerator.Tests;

public sealed class CostMeterTests
{
    /// <summary>
    /// A busy child process stands in for a silo; it is stopped (SIGSTOP) whenever the meter or the test reads it, so
    /// its CPU clock all but stands still between the two readings: they were still seen to differ by two or more 10 ms
    /// ticks of /proc now and then (why is not known), so 0.1 s of tolerance, against the 0.3 s or more the meter must
    /// leave out.
    /// </summary>
    [Fact]
    public async Task Counts_only_while_running()
    {
        using var busy = new BusyProcess();
        var meter = new CostMeter([busy.Id], [], null, null);
        await StopAsync(busy.Id);
        var started = Cpu(busy.Id); // what it spun before it was first stopped
        await meter.StartAsync();
        await SpendAsync(busy.Id, 0.1);
        await meter.PauseAsync();
        var counted = Cpu(busy.Id) - started;
        await SpendAsync(busy.Id, 0.3);
        var paused = Cpu(busy.Id) - started - counted;
        await meter.ResumeAsync();
        var resumed = Cpu(busy.Id);
        await SpendAsync(busy.Id, 0.1);
        await meter.PauseAsync();
        counted += Cpu(busy.Id) - resumed;

        var cost = await meter.CostAsync(acknowledged: 1000);

        // CPU-ms per webhook over 1000 webhooks = the CPU-seconds counted.
        Assert.True(paused >= 0.3, $"the child spent {paused} s while the meter was paused");
        Assert.Equal(counted, cost.SiloCpuMs!.Value, 0.1);
        Assert.Null(cost.WebCpuMs);
        Assert.Equal(1000, cost.Acknowledged);
    }

    [Fact]
    public async Task Refuses_to_read_a_running_meter_or_to_run_twice()
    {
        var meter = new CostMeter([Environment.ProcessId], [], null, null);
        await meter.StartAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => meter.CostAsync(1));
        await Assert.ThrowsAsync<InvalidOperationException>(meter.ResumeAsync);
    }

    private static double Cpu(int pid) => ProcessCpu.Read(pid)!.Value.CpuSeconds;

    /// <summary>Lets the stopped child run until it has used <paramref name="cpuSeconds"/> more, then stops it again.</summary>
    private static async Task SpendAsync(int pid, double cpuSeconds)
    {
        var start = Cpu(pid);
        await SignalAsync(pid, "CONT");
        while (Cpu(pid) - start < cpuSeconds)
        {
            await Task.Delay(5);
        }

        await StopAsync(pid);
    }

    private static async Task StopAsync(int pid)
    {
        await SignalAsync(pid, "STOP");
        while (!File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].TrimStart().StartsWith('T'))
        {
            await Task.Delay(1);
        }
    }

    private static async Task SignalAsync(int pid, string signal)
    {
        // The shell's own kill: a fresh Debian may have no /bin/kill (procps).
        using var kill = Process.Start("sh", ["-c", $"kill -{signal} {pid.ToString(System.Globalization.CultureInfo.InvariantCulture)}"])!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }
}
