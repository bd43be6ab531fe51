using PipedriveMaileon.LoadGenerator.Reporting;

namespace PipedriveMaileon.LoadGenerator.Tests;

public sealed class IngestBudgetTests
{
    /// <summary>The saturation costs of the 2026-12-06 21:02 report: silo 0.100, web 0.094, PostgreSQL 0.090, load generator 0.050 CPU-ms.</summary>
    internal static readonly PhaseCost Measured = new(71473, 0.100, 0.094, 0.090, 0.050, 1, 0.06, 900, [], 912, 1.63);

    [Fact]
    public void A_ratio_target_is_the_cpu_per_webhook_that_its_rate_leaves_on_the_cores()
    {
        var budget = IngestBudget.For(0.75, Measured, 9871, 2)!;

        Assert.Equal(7403.25, budget.Rate, 2);
        Assert.Equal(2000 / 7403.25, budget.BudgetMs, 6); // 0.270 ms for every process together
        Assert.Equal(0.334, budget.CostMs, 6);
        Assert.Equal(0.284, budget.ServiceCostMs, 6);
        Assert.Equal(1 - (0.27015 / 0.334), budget.CutNeeded, 3); // 19 % less
        Assert.Equal(0.334 * 7403.25 / 1000, budget.CoresAtTodaysCost, 6); // 2.47 cores
    }

    [Fact]
    public void A_cost_that_already_fits_needs_no_cut()
    {
        Assert.Equal(0, IngestBudget.For(0.5, Measured, 9871, 2)!.CutNeeded);
    }

    [Fact]
    public void Fully_busy_cores_carry_the_rate_their_time_pays_for()
    {
        Assert.Equal(2000 / 0.334 / 9871, IngestBudget.RatioWhenFullyBusy(0.334, 9871, 2), 6); // 0.61x
    }

    [Fact]
    public void Without_every_process_measured_or_a_reference_there_is_no_budget()
    {
        Assert.Null(IngestBudget.For(0.75, Measured with { PostgresCpuMs = null }, 9871, 2));
        Assert.Null(IngestBudget.For(0.75, Measured, 0, 2));
        Assert.Null(IngestBudget.For(0.75, null, 9871, 2));
    }
}
