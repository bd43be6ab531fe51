namespace PipedriveMaileon.LoadGenerator.Reporting;

/// <summary>
/// What a ratio target for durable ingest would need, from the CPU a webhook cost at saturation: every process of the
/// bench (silo, web, PostgreSQL, the load generator) shares the machine's cores, so a rate of R × the commit reference
/// leaves <c>cores / rate</c> of CPU time per webhook for all of them together.
/// </summary>
/// <param name="Ratio">The ratio to PostgreSQL's one-row commit rate this budget is for.</param>
/// <param name="Rate">That ratio's webhooks per second.</param>
/// <param name="Cores">The machine's cores, which every process shares.</param>
/// <param name="CostMs">CPU milliseconds per webhook measured, all processes together.</param>
/// <param name="ServiceCostMs">Of <paramref name="CostMs"/>, the service's own (silo, web, PostgreSQL): a deployment runs no load generator.</param>
public sealed record IngestBudget(double Ratio, double Rate, int Cores, double CostMs, double ServiceCostMs)
{
    /// <summary>CPU milliseconds per webhook, all processes together, that would carry <see cref="Rate"/> on the cores.</summary>
    public double BudgetMs => Cores * 1000 / Rate;

    /// <summary>The share by which the cost per webhook would have to fall (0 when it already fits).</summary>
    public double CutNeeded => Math.Max(0, 1 - (BudgetMs / CostMs));

    /// <summary>Cores that <see cref="Rate"/> would keep busy at <see cref="CostMs"/>.</summary>
    public double CoresAtTodaysCost => CostMs * Rate / 1000;

    /// <summary>
    /// The budget for <paramref name="ratio"/>, or null when a process's CPU or the reference rate was not measured.
    /// </summary>
    public static IngestBudget? For(double ratio, PhaseCost? cost, double commitRate, int cores)
    {
        if (cost is not { SiloCpuMs: { } silo, WebCpuMs: { } web, PostgresCpuMs: { } postgres } || commitRate <= 0 || cores <= 0)
        {
            return null;
        }

        var service = silo + web + postgres;
        var total = service + cost.GeneratorCpuMs;
        return total <= 0 ? null : new IngestBudget(ratio, ratio * commitRate, cores, total, service);
    }

    /// <summary>The rate, as a ratio of <paramref name="commitRate"/>, that <paramref name="cores"/> fully busy would carry at <paramref name="costMs"/> per webhook.</summary>
    public static double RatioWhenFullyBusy(double costMs, double commitRate, int cores) => cores * 1000 / costMs / commitRate;
}
