using System.Globalization;

namespace PipedriveMaileon.LoadGenerator.Measurement;

/// <summary>The whole machine's busy CPU, from the first line of <c>/proc/stat</c>: shows when the cores, not a tier, are the bound.</summary>
public static class MachineCpu
{
    /// <summary>Busy and total jiffies so far (busy = all but idle and iowait); null when not readable.</summary>
    public static (long Busy, long Total)? Snapshot()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var total = fields.Take(8).Sum();
            return (total - fields[3] - fields[4], total);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Cores busy on average between two snapshots.</summary>
    public static double? BusyCores((long Busy, long Total)? before, (long Busy, long Total)? after) =>
        before is { } b && after is { } a && a.Total > b.Total ? Environment.ProcessorCount * (a.Busy - b.Busy) / (double)(a.Total - b.Total) : null;
}
