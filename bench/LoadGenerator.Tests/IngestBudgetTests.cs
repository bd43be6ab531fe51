using PipedriveMaileon.LoadGenerator.Measurement;
using PipedriveMaileon.LoadGenerator.Reporting;

namespace PipedriveMaileon.LoadGenerator.Tests;

public sealed class IngestBudgetTests
{
    /// <summary>The saturation costs of the 2026-12-06 21:02 report: silo 0.100, web 0.094, PostgreSQL 0.090, load generator 0.050 CPU-ms.</summary>
    private static readonly PhaseCost Measured = new(71473, 0.100, 0.094, 0.090, 0.050, 1, 0.06, 900, [], 912, 1.63);

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

    [Fact]
    public void The_report_says_what_each_ratio_not_reached_would_need_and_nothing_once_both_are()
    {
        static TopologyResult Run(double ingest) => new()
        {
            Topology = "1 silo, 1 web node", Silos = 1, WebNodes = 1, Mode = "full", ProcessorCount = 2, Tiny = false,
            StartedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 0, TimeSpan.Zero), Seed = 1, Concurrency = 8, PhaseSeconds = 1,
            Saturation = Phase(ingest), PostgresCommit = Phase(9871), SaturationCost = Measured,
        };

        var below = MarkdownReport.Render([Run(4764)], "x", null);
        var between = MarkdownReport.Render([Run(8000)], "x", null);
        var beyond = MarkdownReport.Render([Run(10_000)], "x", null);

        Assert.Contains("0.75× = 7403/s needs at most 0.270 CPU-ms per webhook for all processes together, against 0.334 measured (19 % less), or 2.47 cores at today's cost", below, StringComparison.Ordinal);
        Assert.Contains("1.00× = 9871/s needs at most 0.203 CPU-ms per webhook", below, StringComparison.Ordinal);
        Assert.Contains("fully busy would carry 0.61× (they were 1.63 cores busy), and 0.71× without the load generator's 0.050 ms", below, StringComparison.Ordinal);
        Assert.DoesNotContain("0.75× = ", between, StringComparison.Ordinal);
        Assert.Contains("1.00× = 9871/s", between, StringComparison.Ordinal);
        Assert.DoesNotContain("What the ingest ratios not reached would need", beyond, StringComparison.Ordinal);
    }

    private static PhaseResult Phase(double ackedPerSecond) =>
        new("phase", 100, 100, [], 1, ackedPerSecond, ackedPerSecond, null, Percentiles.Summarise([1.0]), Percentiles.Summarise([1.0]), [], []);
}
