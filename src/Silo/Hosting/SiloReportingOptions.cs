using System.ComponentModel.DataAnnotations;

namespace PipedriveMaileon.Silo.Hosting;

/// <summary>
/// Configuration section <c>Orleans</c>: how often a silo reports about itself while it has nothing else to do.
/// Each report costs every silo CPU at all times, and some of it grows with the cluster (a silo's load goes to every
/// other silo), so the cadences are seconds, not Orleans' one-second defaults: an idle silo capped at a tenth of a
/// core spent a quarter of it on reporting.
/// </summary>
public sealed class SiloReportingOptions
{
    /// <summary>
    /// Seconds between the dashboard's samples of a silo's runtime statistics (its silo graphs show the last 100
    /// samples, so 10 s spans about 17 minutes); Orleans' default is 1.
    /// </summary>
    [Range(1, 3600)]
    public int DashboardCounterSeconds { get; set; } = 10;

    /// <summary>
    /// Seconds between a silo's publications of its load (activation count, CPU, memory) to every other silo, which
    /// resource-optimised placement of new grains reads; Orleans' default is 1. Our busiest grains are placed on the
    /// silo that first calls them, so this only steers where tenant-wide grains start.
    /// </summary>
    [Range(1, 600)]
    public int LoadPublishSeconds { get; set; } = 5;
}
