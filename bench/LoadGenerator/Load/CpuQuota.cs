using System.Globalization;

namespace PipedriveMaileon.LoadGenerator.Load;

/// <summary>
/// Caps processes at a share of a core each, through the cgroup v1 <c>cpu</c> controller: every process gets its own
/// group with the same <c>cpu.cfs_quota_us</c>, so on a 2-core machine each silo (or web node) has a fixed capacity and
/// adding one adds capacity. Disposing moves the processes back to the root group and removes the groups.
/// </summary>
public sealed class CpuQuota : IDisposable
{
    public const string Root = "/sys/fs/cgroup/cpu";

    private const int DefaultPeriodMicros = 100_000;

    /// <summary>The smallest quota the kernel accepts (1 ms per period).</summary>
    private const int MinQuotaMicros = 1000;

    private readonly List<(int Pid, string Group)> groups = [];

    private CpuQuota(double cores, int periodMicros)
    {
        Cores = cores;
        PeriodMicros = periodMicros;
    }

    public double Cores { get; }

    /// <summary>
    /// The kernel's default period, which Kubernetes also uses for CPU limits: what a container limited to this share of
    /// a core gets in production. (A 10 ms period cost a capped silo up to twice the CPU per webhook: the process ran
    /// in 1 ms slices among the others, its caches cold each time.)
    /// </summary>
    public int PeriodMicros { get; }

    /// <summary>Places each process in a group of its own capped at <paramref name="cores"/>; the reason instead when cgroups cannot be written.</summary>
    public static (CpuQuota? Quota, string? Failure) Apply(IReadOnlyList<int> pids, double cores)
    {
        var period = Math.Max(DefaultPeriodMicros, (int)Math.Ceiling(MinQuotaMicros / cores));
        var quota = new CpuQuota(cores, period);
        try
        {
            foreach (var pid in pids)
            {
                var group = Path.Combine(Root, $"pipedrive-maileon-bench-{Environment.ProcessId}-{pid}");
                Directory.CreateDirectory(group);
                quota.groups.Add((pid, group));
                File.WriteAllText(Path.Combine(group, "cpu.cfs_period_us"), Text(period));
                File.WriteAllText(Path.Combine(group, "cpu.cfs_quota_us"), Text((int)Math.Round(cores * period)));
                File.WriteAllText(Path.Combine(group, "cgroup.procs"), Text(pid));
            }

            return (quota, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            quota.Dispose();
            return (null, $"cgroup v1 cpu controller not writable at {Root} ({ex.Message})");
        }
    }

    /// <summary>Periods in which the kernel held a capped process back, summed over the groups (proof the cap bit).</summary>
    public long ThrottledPeriods() => groups.Sum(g => ReadStat(g.Group, "nr_throttled"));

    public void Dispose()
    {
        foreach (var (pid, group) in groups)
        {
            try
            {
                File.WriteAllText(Path.Combine(Root, "cgroup.procs"), Text(pid));
            }
            catch (IOException)
            {
                // The process has exited: nothing to move back.
            }

            try
            {
                Directory.Delete(group);
            }
            catch (IOException)
            {
            }
        }

        groups.Clear();
    }

    private static long ReadStat(string group, string name)
    {
        try
        {
            var line = File.ReadLines(Path.Combine(group, "cpu.stat")).FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
