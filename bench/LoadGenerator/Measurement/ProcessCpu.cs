using System.Globalization;

namespace PipedriveMaileon.LoadGenerator.Measurement;

/// <summary>
/// CPU time (user + system) of processes, from <c>/proc/{pid}/stat</c> (Linux). PostgreSQL is counted as the
/// postmaster and all its children (backends, WAL writer, checkpointer), found by parent pid.
/// </summary>
public static class ProcessCpu
{
    // USER_HZ is 100 on every Linux the bench runs on.
    private const double TicksPerSecond = 100;

    /// <summary>CPU seconds used so far by each pid; pids that cannot be read are left out.</summary>
    public static Dictionary<int, double> Snapshot(IEnumerable<int> pids)
    {
        var result = new Dictionary<int, double>();
        foreach (var pid in pids)
        {
            if (Read(pid) is { } stat)
            {
                result[pid] = stat.CpuSeconds;
            }
        }

        return result;
    }

    /// <summary>The pid and every direct child of it (PostgreSQL's processes are all children of the postmaster).</summary>
    public static IReadOnlyList<int> WithChildren(int parent)
    {
        var pids = new List<int> { parent };
        try
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Read(pid) is { } stat && stat.ParentPid == parent)
                {
                    pids.Add(pid);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return pids;
    }

    /// <summary>CPU seconds used between two snapshots, counting only pids present in both (a process that ended is lost).</summary>
    public static double Delta(Dictionary<int, double> before, Dictionary<int, double> after) =>
        after.Where(a => before.ContainsKey(a.Key)).Sum(a => a.Value - before[a.Key]);

    public static (int ParentPid, double CpuSeconds)? Read(int pid)
    {
        try
        {
            return Parse(File.ReadAllText($"/proc/{pid}/stat"));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Fields after the command name (which may hold spaces and parentheses): state ppid ... utime(14) stime(15).</summary>
    public static (int ParentPid, double CpuSeconds)? Parse(string stat)
    {
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var fields = stat[(close + 2)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 13
            || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ppid)
            || !long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var utime)
            || !long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var stime))
        {
            return null;
        }

        return (ppid, (utime + stime) / TicksPerSecond);
    }
}
