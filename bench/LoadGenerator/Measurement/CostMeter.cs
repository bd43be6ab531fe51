using System.Diagnostics;
using PipedriveMaileon.LoadGenerator.Reporting;

namespace PipedriveMaileon.LoadGenerator.Measurement;

/// <summary>
/// What a phase costs per acknowledged webhook: CPU time per process group (silos, webs, PostgreSQL and its children,
/// this generator), the machine's busy cores, WAL and the application's statements. It counts only while running, so
/// a phase measured in slices (between which something else runs on the same machine) is charged for its own
/// stretches alone. The statement totals are the one exception: pg_stat_statements cannot be paused, so they cover
/// from the last <see cref="ResetStatementsAsync"/> (which <see cref="StartAsync"/> calls) to <see cref="CostAsync"/>
/// (other work in between must not run statements of the application's: the reference bound's are left out by
/// <see cref="StatementStats"/>). The silos' own counters (<see cref="SiloCounters"/>, when given) are read outside each
/// stretch's CPU readings, so reading them is not charged to the phase.
/// </summary>
public sealed class CostMeter(IReadOnlyList<int> siloPids, IReadOnlyList<int> webPids, int? postmasterPid, StatementStats? statements, SiloCounters? counters = null)
{
    private readonly IReadOnlyList<int> postgresPids = postmasterPid is { } postmaster ? ProcessCpu.WithChildren(postmaster) : [];
    private double silo, web, postgres, walBytes;
    private bool walKnown = true;
    private SiloTraffic? traffic = counters is null ? null : SiloTraffic.None;
    private TimeSpan generator;
    private long machineBusy, machineTotal;
    private Stretch? running;

    /// <summary>Resets the statement statistics and starts counting.</summary>
    public async Task StartAsync()
    {
        await ResetStatementsAsync();
        await ResumeAsync();
    }

    /// <summary>Resets the statement statistics, which <see cref="CostAsync"/> reads from here on.</summary>
    public Task ResetStatementsAsync() => statements?.ResetAsync() ?? Task.CompletedTask;

    public async Task ResumeAsync()
    {
        if (running is not null)
        {
            throw new InvalidOperationException("The meter is already running.");
        }

        var siloTraffic = counters is null ? null : await counters.ReadAsync();
        running = new Stretch(
            siloTraffic,
            ProcessCpu.Snapshot(siloPids), ProcessCpu.Snapshot(webPids), ProcessCpu.Snapshot(postgresPids),
            Process.GetCurrentProcess().TotalProcessorTime,
            statements is null ? null : await statements.WalPositionAsync(),
            MachineCpu.Snapshot());
    }

    public async Task PauseAsync()
    {
        var start = running ?? throw new InvalidOperationException("The meter is not running.");
        var machine = MachineCpu.Snapshot();
        var wal = statements is null ? null : await statements.WalPositionAsync();
        generator += Process.GetCurrentProcess().TotalProcessorTime - start.Generator;
        silo += ProcessCpu.Delta(start.Silo, ProcessCpu.Snapshot(siloPids));
        web += ProcessCpu.Delta(start.Web, ProcessCpu.Snapshot(webPids));
        postgres += ProcessCpu.Delta(start.Postgres, ProcessCpu.Snapshot(postgresPids));
        if (start.Wal is { } w0 && wal is { } w1)
        {
            walBytes += w1 - w0;
        }
        else
        {
            walKnown = false;
        }

        if (start.Machine is { } m0 && machine is { } m1)
        {
            machineBusy += m1.Busy - m0.Busy;
            machineTotal += m1.Total - m0.Total;
        }

        if (counters is not null)
        {
            // A silo that did not answer once leaves the whole phase without these counts.
            traffic = traffic is not null && start.Traffic is { } t0 && await counters.ReadAsync() is { } t1 ? traffic + (t1 - t0) : null;
        }

        running = null;
    }

    /// <summary>The cost over every stretch counted, per acknowledged webhook; the meter must be paused.</summary>
    public async Task<PhaseCost> CostAsync(int acknowledged)
    {
        if (running is not null)
        {
            throw new InvalidOperationException("Pause the meter before reading its cost.");
        }

        var totals = statements is null ? null : await statements.ReadAsync();
        var acked = Math.Max(1, acknowledged);
        double? PerWebhookMs(IReadOnlyCollection<int> pids, double seconds) => pids.Count == 0 ? null : seconds * 1000 / acked;
        return new PhaseCost(
            acknowledged,
            PerWebhookMs(siloPids, silo),
            PerWebhookMs(webPids, web),
            PerWebhookMs(postgresPids, postgres),
            generator.TotalMilliseconds / acked,
            totals is null ? null : totals.Calls / (double)acked,
            totals is null ? null : totals.ExecMs / acked,
            totals is null ? null : totals.WalBytes / (double)acked,
            totals?.Top ?? [],
            statements is not null && walKnown ? walBytes / acked : null,
            MachineCpu.BusyCores((0, 0), (machineBusy, machineTotal)),
            traffic is null ? null : traffic.RemoteRequests / acked,
            traffic is null ? null : traffic.DirectoryRequests / acked,
            traffic is null ? null : traffic.GcPauseSeconds * 1000 / acked);
    }

    private sealed record Stretch(
        SiloTraffic? Traffic,
        Dictionary<int, double> Silo,
        Dictionary<int, double> Web,
        Dictionary<int, double> Postgres,
        TimeSpan Generator,
        long? Wal,
        (long Busy, long Total)? Machine);
}
