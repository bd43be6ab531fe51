namespace PipedriveMaileon.LoadGenerator.Measurement;

/// <summary>
/// CPU time of the .NET runtime's tiered-compilation worker threads (named ".NET Tiered Com…") of processes, from
/// <c>/proc/{pid}/task/*/</c>. While it rises the process is still re-compiling hot methods: a measurement taken then
/// counts start-up work, and in a process capped at a tenth of a core it took a third of the quota.
/// </summary>
public static class TieredCompilation
{
    private const string ThreadName = ".NET Tiered Com";

    /// <summary>CPU seconds the tiered-compilation threads of <paramref name="pids"/> used so far (0 where unreadable).</summary>
    public static double CpuSeconds(IEnumerable<int> pids) => pids.Sum(ProcessSeconds);

    private static double ProcessSeconds(int pid)
    {
        try
        {
            return Directory.EnumerateDirectories($"/proc/{pid}/task").Sum(ThreadSeconds);
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static double ThreadSeconds(string task)
    {
        try
        {
            if (!File.ReadAllText(Path.Combine(task, "comm")).StartsWith(ThreadName, StringComparison.Ordinal))
            {
                return 0;
            }

            return ProcessCpu.Parse(File.ReadAllText(Path.Combine(task, "stat")))?.CpuSeconds ?? 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
