using System.Globalization;
using System.Text;
using PipedriveMaileon.LoadGenerator.Measurement;

namespace PipedriveMaileon.LoadGenerator.Reporting;

/// <summary>The report: targets first, then each measurement with what it means, then the scale-out table.</summary>
public static class MarkdownReport
{
    public static string Render(IReadOnlyList<TopologyResult> results, string baseName, string? notes)
    {
        var main = results.FirstOrDefault(r => r.Mode == "full") ?? results[0];
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Benchmark {main.StartedAt:yyyy-MM-dd HH:mm} UTC{(main.Tiny ? " (tiny)" : "")}");
        md.AppendLine();
        md.Append(CultureInfo.InvariantCulture,
            $"Machine: {main.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}. ");
        md.Append(CultureInfo.InvariantCulture, $"Seed {main.Seed}, concurrency {main.Concurrency}, {F(main.PhaseSeconds)} s per phase. ");
        md.AppendLine("Everything (PostgreSQL, silos, web, sandbox, load generator) shares this machine, so the load generator takes CPU from " +
            "the system it measures; other builds running at the same time make the timings noisy.");
        if (!string.IsNullOrWhiteSpace(notes))
        {
            md.AppendLine();
            md.AppendLine(notes);
        }

        md.AppendLine();
        md.AppendLine("## Targets");
        md.AppendLine();
        md.AppendLine("| target | measured | verdict |");
        md.AppendLine("| --- | --- | --- |");
        foreach (var verdict in Targets.Judge(main))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {verdict.Target} | {verdict.Measured} | **{verdict.Verdict}** |");
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"## 1. Durable ingest ({main.Topology})");
        md.AppendLine();
        md.AppendLine("Pipedrive v2 person webhooks with each tenant's Basic credentials. *Acknowledged* = answered 2xx, which the web only does after the owning grain wrote the event to PostgreSQL.");
        md.AppendLine();
        md.AppendLine("| phase | sent | acknowledged | acked/s | answered/s | p50 ms | p99 ms | p99.9 ms | statuses |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var phase in new[] { main.Saturation, main.HalfRate, main.BareKestrel, main.PostgresCommit }.OfType<PhaseResult>())
        {
            var latency = phase.Acknowledged > 0 ? phase.Latency : phase.AnsweredLatency;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {phase.Name}{(phase.OfferedRate is { } rate ? $" (offered {F(rate)}/s)" : "")} | {phase.Sent} | {phase.Acknowledged} | {F(phase.AckedPerSecond)} | {F(phase.AnsweredPerSecond)} | {L(latency.P50)} | {L(latency.P99)} | {L(latency.P999)} | {Statuses(phase.Statuses)} |");
        }

        md.AppendLine();
        md.AppendLine("Latency columns are of acknowledged requests (of all answers when nothing was acknowledged). At 50% the load is open-loop: latency counts from when each request was due, so queueing is not hidden.");
        if (main.Saturation is { } sat)
        {
            md.AppendLine();
            md.Append("Ingest as a ratio of the reference bounds (same machine, same run, same concurrency): ");
            md.AppendLine(CultureInfo.InvariantCulture,
                $"{Ratio(sat, main.BareKestrel)} of (a) a bare Kestrel endpoint, {Ratio(sat, main.PostgresCommit)} of (b) PostgreSQL committing one small row per request.");
        }

        if (main.WarmupSeconds > 0)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture,
                $"Before saturation, {F(main.WarmupSeconds)} s of the same closed-loop load for other persons warm the service up (JIT tiers, connection pools, caches); it is not measured. The saturation phase still activates its own persons' grains cold.");
        }

        if (main.SaturationCost is { } cost)
        {
            md.AppendLine();
            md.AppendLine("Cost per acknowledged webhook at saturation (CPU time from /proc; PostgreSQL = postmaster and its children; statements from pg_stat_statements, top level):");
            md.AppendLine();
            md.AppendLine("| phase | silo CPU ms | web CPU ms | PostgreSQL CPU ms | load generator CPU ms | statements | statement time ms | WAL bytes |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var (name, row) in new[] { ("saturation", cost), ("50% of saturation", main.HalfRateCost) })
            {
                if (row is not null)
                {
                    md.AppendLine(CultureInfo.InvariantCulture,
                        $"| {name} | {D(row.SiloCpuMs, "0.000")} | {D(row.WebCpuMs, "0.000")} | {D(row.PostgresCpuMs, "0.000")} | {F(row.GeneratorCpuMs, "0.000")} | {D(row.Statements, "0.00")} | {D(row.StatementMs, "0.000")} | {D(row.WalBytes, "0")} |");
                }
            }
            if (cost.TopStatements.Count > 0)
            {
                md.AppendLine();
                md.AppendLine("| statement (most calls) | calls | ms per call | WAL bytes per call |");
                md.AppendLine("| --- | ---: | ---: | ---: |");
                foreach (var row in cost.TopStatements)
                {
                    md.AppendLine(CultureInfo.InvariantCulture,
                        $"| `{row.Query.Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal)}` | {row.Calls} | {F(row.Calls > 0 ? row.ExecMs / row.Calls : 0, "0.000")} | {F(row.Calls > 0 ? row.WalBytes / (double)row.Calls : 0)} |");
                }
            }
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"![throughput]({baseName}-throughput.svg)");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"![latency]({baseName}-latency.svg)");

        md.AppendLine();
        md.AppendLine("## 2. End to end");
        md.AppendLine();
        if (main.EndToEnd is { } e2e)
        {
            md.AppendLine("Subscribe webhooks (Newsletter = Subscribe) for persons created in the Pipedrive emulator; end to end = from the webhook being sent to the first Maileon emulator request for that person (its request journal's receive time).");
            md.AppendLine();
            md.AppendLine("| sent | acknowledged | Maileon call seen | lost (acked, no call) | p50 ms | p99 ms | max ms |");
            md.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            md.AppendLine(CultureInfo.InvariantCulture, $"| {e2e.Sent} | {e2e.Acknowledged} | {e2e.Matched} | {e2e.Lost} | {L(e2e.Latency.P50)} | {L(e2e.Latency.P99)} | {L(e2e.Latency.Max)} |");
        }

        md.AppendLine();
        md.AppendLine("## 3. Memory");
        md.AppendLine();
        if (main.Memory is { } memory)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"RSS of the silo process(es) before and after {memory.Activations} webhooks for distinct persons ({memory.Acknowledged} acknowledged, each activating a contact grain): " +
                $"{Bytes(memory.RssBefore)} → {Bytes(memory.RssAfter)}, **{(memory.BytesPerGrain is { } b ? F(b) + " B" : "n/a")} per active contact grain**. RSS also moves with the GC's heap sizing, so small runs are rough.");
        }

        if (main.Setup is { } setup)
        {
            md.AppendLine();
            md.Append(CultureInfo.InvariantCulture,
                $"Tenants: {setup.Installed} of {setup.Requested} installed through the sandbox install flow in {F(setup.Seconds, "0.0")} s; " +
                $"silo RSS growth {Bytes(setup.RssGrowthBytes)}, **{(setup.BytesPerTenant is { } t ? F(t) + " B" : "n/a")} per tenant**.");
            md.AppendLine(
                (setup.Failure is null ? "" : $" Install stopped: {setup.Failure}.") +
                (setup.PersonFailure is null ? "" : $" Creating persons in the Pipedrive emulator failed: {setup.PersonFailure}."));
        }

        md.AppendLine();
        md.AppendLine("## 4. API economy");
        md.AppendLine();
        md.AppendLine("| traffic | events synced | Pipedrive calls | per event | tokens (x-token-cost) | per event | counted from |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
        if (main.EndToEnd is { } sub)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| subscribe | {sub.Matched} | {N(sub.PipedriveCalls)} | {Per(sub.PipedriveCalls, sub.Matched)} | {N(sub.PipedriveTokens)} | {Per(sub.PipedriveTokens, sub.Matched)} | {sub.CounterSource} |");
        }

        if (main.Deals is { } deals)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| deal event | {deals.MaileonTransactionsSeen} of {deals.Acknowledged} acked (in {deals.MaileonRequests} batched requests) | {N(deals.PipedriveCalls)} | {Per(deals.PipedriveCalls, deals.Acknowledged)} | {N(deals.PipedriveTokens)} | {Per(deals.PipedriveTokens, deals.Acknowledged)} | {deals.CounterSource} |");
        }

        md.AppendLine();
        md.AppendLine("## 5. Scale-out");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"The same saturating load against each topology. On a {main.ProcessorCount}-core machine extra silos and web nodes compete for the same cores, so this shows the overhead and correctness of scale-out (no loss, answers stay right), not a speed-up.");
        md.AppendLine();
        md.AppendLine("| topology | acked/s | answered/s | p50 ms | p99 ms | subscribes acked | Maileon calls seen | lost | CPU ms per webhook (silos + webs + PostgreSQL) |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            var s = r.Saturation;
            var latency = s is null ? null : s.Acknowledged > 0 ? s.Latency : s.AnsweredLatency;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Topology} | {(s is null ? "n/a" : F(s.AckedPerSecond))} | {(s is null ? "n/a" : F(s.AnsweredPerSecond))} | {L(latency?.P50)} | {L(latency?.P99)} | {N(r.EndToEnd?.Acknowledged)} | {N(r.EndToEnd?.Matched)} | {N(r.EndToEnd?.Lost)} | {CpuSplit(r.SaturationCost)} |");
        }

        var allNotes = results.SelectMany(r => r.Notes.Select(n => $"{r.Topology}: {n}")).Distinct().ToList();
        if (allNotes.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Notes");
            md.AppendLine();
            foreach (var note in allNotes)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
            }
        }

        return md.ToString();
    }

    /// <summary>The short summary printed at the end of a run.</summary>
    public static string Summary(IReadOnlyList<TopologyResult> results)
    {
        var main = results.FirstOrDefault(r => r.Mode == "full") ?? results[0];
        var text = new StringBuilder();
        text.AppendLine("Benchmark summary");
        foreach (var verdict in Targets.Judge(main))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {verdict.Verdict,-14} {verdict.Target}: {verdict.Measured}");
        }

        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {r.Topology,-22} ingest {(r.Saturation is { } s ? F(s.AckedPerSecond) : "n/a")} acked/s ({(r.Saturation is { } a ? F(a.AnsweredPerSecond) : "n/a")} answered/s)");
        }

        return text.ToString();
    }

    private static string Ratio(PhaseResult ingest, PhaseResult? bound) =>
        bound is { AckedPerSecond: > 0 } ? $"**{F(ingest.AckedPerSecond / bound.AckedPerSecond, "0.00")}×** ({F(ingest.AckedPerSecond)} vs {F(bound.AckedPerSecond)}/s)" : "n/a";

    private static string Statuses(Dictionary<string, int> statuses) => string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}"));

    private static string Per(long? value, int count) => value is { } v && count > 0 ? F(v / (double)count, "0.00") : "n/a";

    private static string N(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "n/a";

    private static string N(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "n/a";

    private static string CpuSplit(PhaseCost? cost) =>
        cost is { SiloCpuMs: { } silo, WebCpuMs: { } web, PostgresCpuMs: { } pg }
            ? $"{F(silo + web + pg, "0.00")} ({F(silo, "0.00")} + {F(web, "0.00")} + {F(pg, "0.00")})"
            : "n/a";

    private static string D(double? value, string format) => value is { } v ? F(v, format) : "n/a";

    private static string L(double? ms) => ms is { } v ? F(v, "0.0") : "n/a";

    private static string Bytes(long? bytes) => bytes is { } b ? $"{F(b / 1048576.0, "0.0")} MiB" : "n/a";

    private static string F(double value, string format = "0") => value.ToString(format, CultureInfo.InvariantCulture);
}
