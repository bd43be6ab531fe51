using System.Globalization;

namespace PipedriveMaileon.LoadGenerator.Measurement;

/// <summary>Resident set size of a process, from <c>/proc/{pid}/status</c> (Linux).</summary>
public static class ProcessMemory
{
    public static long? RssBytes(int pid)
    {
        try
        {
            return Parse(File.ReadAllLines($"/proc/{pid}/status"));
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

    public static long? Parse(IEnumerable<string> statusLines)
    {
        var line = statusLines.FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kib) ? kib * 1024 : null;
    }

    /// <summary>Summed RSS of the given processes; null when any cannot be read.</summary>
    public static long? TotalRss(IEnumerable<int> pids)
    {
        long total = 0;
        foreach (var pid in pids)
        {
            if (RssBytes(pid) is not { } rss)
            {
                return null;
            }

            total += rss;
        }

        return total;
    }
}
