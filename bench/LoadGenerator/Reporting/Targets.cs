using System.Globalization;

namespace PipedriveMaileon.LoadGenerator.Reporting;

/// <summary>The issue's targets for a 2-core machine, judged on the full-mode result.</summary>
public static class Targets
{
    public const double IngestToCommitRatio = 0.75;
    public const double IngestP99Ms = 50;
    public const double EndToEndP99Ms = 500;
    public const double BytesPerGrain = 4096;
    public const double CallsPerSubscribe = 1.5;
    public const double CallsPerDealEvent = 1.0;
    public const double BytesPerIdleTenant = 64 * 1024;
    public const int IdleTenantsMeasured = 1000;
    public const double ScaleOutEfficiency = 0.8;

    public static IReadOnlyList<TargetVerdict> Judge(TopologyResult r, IReadOnlyList<TopologyResult>? all = null)
    {
        var verdicts = new List<TargetVerdict>();
        var ingest = r.Saturation;
        var commit = r.PostgresCommit;
        var lost = r.EndToEnd?.Lost;
        if (ingest is null || commit is null || commit.AckedPerSecond <= 0)
        {
            verdicts.Add(new("durable ingest ≥ 0.75 × PostgreSQL one-row commits, zero lost", "n/a", "n/a (bound not measured)"));
        }
        else if (commit.Acknowledged < commit.Sent)
        {
            // A reference whose inserts failed is not PostgreSQL's commit rate; a ratio against it would flatter ingest.
            verdicts.Add(new("durable ingest ≥ 0.75 × PostgreSQL one-row commits, zero lost",
                $"{F(ingest.AckedPerSecond)}/s; the reference committed {commit.Acknowledged} of {commit.Sent}", "n/a (the reference's commits failed)"));
        }
        else
        {
            var ratio = ingest.AckedPerSecond / commit.AckedPerSecond;
            var measured = $"{F(ingest.AckedPerSecond)}/s = {F(ratio, "0.00")} × {F(commit.AckedPerSecond)}/s; lost {(lost?.ToString(CultureInfo.InvariantCulture) ?? "n/a")}";
            var verdict = ingest.Acknowledged == 0 ? "not met (nothing acknowledged)"
                : ratio >= IngestToCommitRatio && lost == 0 && r.EndToEnd!.Acknowledged > 0 ? "met"
                : "not met";
            verdicts.Add(new("durable ingest ≥ 0.75 × PostgreSQL one-row commits, zero lost", measured, verdict));
        }

        verdicts.Add(LatencyTarget("ingest p99 ≤ 50 ms at 50% of saturation", r.HalfRate?.Acknowledged ?? 0, r.HalfRate?.Latency.P99, IngestP99Ms));
        verdicts.Add(LatencyTarget("end-to-end p99 ≤ 500 ms at 50% of saturation", r.EndToEnd?.Matched ?? 0, r.EndToEnd?.Latency.P99, EndToEndP99Ms));

        if (r.Memory?.BytesPerGrain is { } perGrain)
        {
            verdicts.Add(new("≤ 4 KiB per idle active contact grain", $"RSS {F(perGrain)} B, managed heap {(r.Memory.HeapBytesPerGrain is { } h ? F(h) + " B" : "n/a")} over {r.Memory.Acknowledged} activations (after forced full GCs)",
                perGrain <= BytesPerGrain ? "met" : "not met"));
        }
        else
        {
            verdicts.Add(new("≤ 4 KiB per idle active contact grain", "n/a", "n/a (no acknowledged activations or no silo RSS)"));
        }

        var synced = r.EndToEnd?.Matched ?? 0;
        if (r.EndToEnd?.PipedriveCalls is { } calls && synced > 0)
        {
            var perSubscribe = calls / (double)synced;
            verdicts.Add(new("≤ 1.5 Pipedrive API calls per subscribe", $"{F(perSubscribe, "0.00")} ({calls} calls / {synced} synced)",
                perSubscribe <= CallsPerSubscribe ? "met" : "not met"));
        }
        else
        {
            verdicts.Add(new("≤ 1.5 Pipedrive API calls per subscribe", "n/a", "n/a (no synced subscribe or no Pipedrive counters)"));
        }

        if (r.Deals is { Acknowledged: > 0, PipedriveCalls: { } dealCalls } deals)
        {
            var perDeal = dealCalls / (double)deals.Acknowledged;
            verdicts.Add(new("≤ 1.0 Pipedrive API call per deal event", $"{F(perDeal, "0.00")} ({dealCalls} calls / {deals.Acknowledged} events; {N(deals.PipedriveTokens)} tokens)",
                perDeal <= CallsPerDealEvent ? "met" : "not met"));
        }
        else
        {
            verdicts.Add(new("≤ 1.0 Pipedrive API call per deal event", "n/a", "n/a (no acknowledged deal event or no counters)"));
        }

        verdicts.Add(IdleTenantTarget(r.IdleTenants));
        verdicts.Add(ScaleOutTarget(all ?? [r]));
        return verdicts;
    }

    private static TargetVerdict IdleTenantTarget(IdleTenantsResult? idle)
    {
        const string Target = "≤ 64 KiB per idle installed tenant (≥ 1,000 installed)";
        if (idle?.IdleRssPerTenant is { } idleRss)
        {
            // Judged once the tenants had nothing to do for long enough that their grains were collected: what an
            // idle tenant costs, over all installed (one-time costs of the first installs included).
            var collected = $"RSS {F(idleRss)} B, managed heap {B(idle.IdleHeapPerTenant)} per tenant over all {idle.Installed} installed, after {F(idle.IdleSeconds, "0")} s idle " +
                $"(right after installing: RSS {B(idle.RssPerTenant)}, heap {B(idle.HeapPerTenant)}; after forced full GCs)";
            return new(Target, collected, idle.Installed < IdleTenantsMeasured ? "n/a (fewer than 1,000 installed)" : idleRss <= BytesPerIdleTenant ? "met" : "not met");
        }

        if ((idle?.MarginalRssPerTenant ?? idle?.RssPerTenant) is not { } rss)
        {
            return new(Target, "n/a", "n/a (no tenants installed or no silo memory readings)");
        }

        // Without the idle reading, judged on the marginal cost (the second half of the installs): what one more tenant adds.
        var measured = $"RSS {F(rss)} B, managed heap {B(idle!.MarginalHeapPerTenant ?? idle.HeapPerTenant)} per tenant over the last {idle.Installed - idle.InstalledFirstHalf} " +
            $"of {idle.Installed} installed (over all {idle.Installed}: RSS {B(idle.RssPerTenant)}, heap {B(idle.HeapPerTenant)}; after forced full GCs)";
        return new(Target, measured, idle.Installed < IdleTenantsMeasured ? "n/a (fewer than 1,000 installed)" : rss <= BytesPerIdleTenant ? "met" : "not met");
    }

    private static TargetVerdict ScaleOutTarget(IReadOnlyList<TopologyResult> all)
    {
        const string Target = "scale-out efficiency ≥ 0.8 at 4 silos under equal CPU caps";
        var silos = ScaleOut.Series(all, "silos");
        var webs = ScaleOut.Series(all, "webs");
        var four = silos.FirstOrDefault(p => p.Processes == 4);
        var webFigure = webs.LastOrDefault() is { Efficiency: { } we } lastWeb ? $"; web nodes: {F(we, "0.00")} at {lastWeb.Processes}" : "";
        var active = ScaleOut.Series(all, "silos", activePersons: true).FirstOrDefault(p => p.Processes == 4);
        var activeFigure = active?.Efficiency is { } ae ? $"; persons already active: {F(ae, "0.00")} at 4 silos ({F(active.AckedPerSecond)}/s, bound by {active.Bound})" : "";
        return four?.Efficiency is { } efficiency
            ? new(Target, $"{F(efficiency, "0.00")} ({F(four.AckedPerSecond)}/s vs 4 × {F(silos[0].AckedPerSecond)}/s{Runs(four, silos[0])}){webFigure}{activeFigure}", efficiency >= ScaleOutEfficiency ? "met" : "not met")
            : new(Target, "n/a", "n/a (no capped scale-out series: cgroups not writable, or a tiny run)");
    }

    /// <summary>The runs behind the two means, when a topology was measured more than once.</summary>
    private static string Runs(ScalePoint four, ScalePoint one) =>
        four.Repeated || one.Repeated ? $", means of {four.ListedRuns}/s and {one.ListedRuns}/s" : "";

    private static string B(long? bytes) => bytes is { } b ? F(b) + " B" : "n/a";

    private static string N(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "n/a";

    private static TargetVerdict LatencyTarget(string target, int samples, double? p99, double limit) =>
        samples == 0 || p99 is null
            ? new(target, "n/a", "n/a (no acknowledged samples)")
            : new(target, $"p99 {F(p99.Value, "0.0")} ms over {samples}", p99 <= limit ? "met" : "not met");

    private static string F(double value, string format = "0") => value.ToString(format, CultureInfo.InvariantCulture);
}
