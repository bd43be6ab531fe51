using System.ComponentModel.DataAnnotations;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>How each tenant's engagement poll runs (section <c>Engagement</c>).</summary>
public sealed class EngagementOptions
{
    public const string Section = "Engagement";

    /// <summary>Minutes between runs (<c>Engagement:IntervalMinutes</c>).</summary>
    [Range(1, 24 * 60)]
    public int IntervalMinutes { get; set; } = 15;

    /// <summary>Largest share of the tenant's remaining daily Pipedrive token budget one run may queue (<c>Engagement:BudgetShare</c>).</summary>
    [Range(0.001, 1.0)]
    public double BudgetShare { get; set; } = EngagementBudget.DefaultShare;

    /// <summary>How far each checkpoint is set back so that late report rows are read again (<c>Engagement:OverlapMinutes</c>).</summary>
    [Range(0, 24 * 60)]
    public int OverlapMinutes { get; set; } = 5;

    /// <summary>How far back the first pass reads when the setting is switched on (<c>Engagement:InitialLookbackDays</c>).</summary>
    [Range(0, 90)]
    public int InitialLookbackDays { get; set; } = 7;

    /// <summary>Most report pages per source and run (<c>Engagement:MaxPagesPerRun</c>).</summary>
    [Range(1, 10_000)]
    public int MaxPagesPerRun { get; set; } = 20;

    /// <summary>Rows per report page (<c>Engagement:PageSize</c>, Maileon allows 1..1000).</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = EngagementPoll.PageSize;

    /// <summary>How long a wake-up (Maileon's bounce webhook) waits, so that a burst of bounces makes one run (<c>Engagement:WakeDelaySeconds</c>).</summary>
    [Range(0, 600)]
    public int WakeDelaySeconds { get; set; } = 5;

    /// <summary>
    /// How long a person's new entry write waits before it is made (<c>Engagement:WriteDelaySeconds</c>), so the other
    /// reports of the same run (opens, then clicks, then bounces) fold into one create instead of a create and updates.
    /// </summary>
    [Range(0, 600)]
    public int WriteDelaySeconds { get; set; } = 10;

    public TimeSpan Interval => TimeSpan.FromMinutes(IntervalMinutes);

    public TimeSpan Overlap => TimeSpan.FromMinutes(OverlapMinutes);

    public TimeSpan InitialLookback => TimeSpan.FromDays(InitialLookbackDays);
}
