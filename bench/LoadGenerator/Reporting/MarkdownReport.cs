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
        md.Append(CultureInfo.InvariantCulture, $"Seed {main.Seed}, concurrency {main.Concurrency}{(main.LevelProbes.Count > 0 ? $" (the rate phases at their fastest of {string.Join(", ", main.LevelProbes.Select(p => p.InFlight).Distinct())} in flight)" : "")}, {F(main.PhaseSeconds)} s per phase. ");
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
        foreach (var verdict in Targets.Judge(main, results))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {verdict.Target} | {verdict.Measured} | **{verdict.Verdict}** |");
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"## 1. Durable ingest ({main.Topology})");
        md.AppendLine();
        md.AppendLine("Pipedrive v2 person webhooks with each tenant's Basic credentials. *Acknowledged* = answered 2xx, which the web only does after the owning grain wrote the event to PostgreSQL.");
        md.AppendLine();
        md.AppendLine("| phase | in flight | sent | acknowledged | acked/s | answered/s | p50 ms | p99 ms | p99.9 ms | statuses |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var phase in new[] { main.Saturation, main.HalfRate, main.BareKestrel, main.PostgresCommit }.OfType<PhaseResult>())
        {
            var latency = phase.Acknowledged > 0 ? phase.Latency : phase.AnsweredLatency;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {phase.Name}{(phase.OfferedRate is { } rate ? $" (offered {F(rate)}/s)" : "")} | {(phase.InFlight is { } inFlight ? inFlight.ToString(CultureInfo.InvariantCulture) : "open loop")} | {phase.Sent} | {phase.Acknowledged} | {F(phase.AckedPerSecond)} | {F(phase.AnsweredPerSecond)} | {L(latency.P50)} | {L(latency.P99)} | {L(latency.P999)} | {Statuses(phase.Statuses)} |");
        }

        md.AppendLine();
        md.AppendLine("Latency columns are of acknowledged requests (of all answers when nothing was acknowledged). At 50% the load is open-loop: latency counts from when each request was due, so queueing is not hidden.");
        AppendLevelProbes(md, main);
        AppendInterleaving(md, main);
        if (main.Saturation is { } sat)
        {
            md.AppendLine();
            md.Append(CultureInfo.InvariantCulture,
                $"Ingest as a ratio of the reference bounds (same machine, same run, {(main.LevelProbes.Count > 0 ? "each at its fastest in-flight level" : "same concurrency")}): ");
            md.AppendLine(CultureInfo.InvariantCulture,
                $"{Ratio(sat, main.BareKestrel)} of (a) a bare Kestrel endpoint, {Ratio(sat, main.PostgresCommit)} of (b) PostgreSQL committing one small row per request.");
        }

        if (main.WarmupSeconds > 0)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture,
                $"Before saturation, {F(main.WarmupSeconds)} s of the same closed-loop load for other persons warm the service up (JIT tiers, connection pools, caches); it is not measured, and it goes on (up to 45 s more) until the services' tiered compilation uses under 0.02 cores. The saturation phase still activates its own persons' grains cold.");
        }

        if (main.SaturationCost is { } cost)
        {
            md.AppendLine();
            md.AppendLine("Cost per acknowledged webhook at saturation (CPU time from /proc; PostgreSQL = postmaster and its children; statements from pg_stat_statements, top level):");
            md.AppendLine();
            md.AppendLine("| phase | silo CPU ms | web CPU ms | PostgreSQL CPU ms | load generator CPU ms | machine busy cores | statements | statement time ms | WAL bytes (statements) | WAL bytes (all, LSN) |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var (name, row) in new[] { ("saturation", cost), ("50% of saturation", main.HalfRateCost) })
            {
                if (row is not null)
                {
                    md.AppendLine(CultureInfo.InvariantCulture,
                        $"| {name} | {D(row.SiloCpuMs, "0.000")} | {D(row.WebCpuMs, "0.000")} | {D(row.PostgresCpuMs, "0.000")} | {F(row.GeneratorCpuMs, "0.000")} | {D(row.MachineBusyCores, "0.00")} | {D(row.Statements, "0.00")} | {D(row.StatementMs, "0.000")} | {D(row.WalBytes, "0")} | {D(row.WalLsnBytes, "0")} |");
                }
            }

            md.AppendLine();
            md.AppendLine("WAL (statements) is what pg_stat_statements counts inside the statements; WAL (all) is the server's WAL position moved over the phase per acknowledged webhook: commit records, full-page images after checkpoints and background writes included." +
                (main.StateSize is { } size ? $" Stored state: {size.Rows} contact rows, {F(size.AveragePayloadBytes)} payload bytes on average." : ""));
            AppendIngestBudgets(md, main, cost);
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
        md.AppendLine("Each reading follows two forced full GCs in every silo (through the runtime's diagnostics port), so it holds what is alive, not the garbage of the phase before.");
        md.AppendLine();
        md.AppendLine("| what | count | silo RSS before → after | managed heap before → after | RSS per item | heap per item |");
        md.AppendLine("| --- | ---: | --- | --- | ---: | ---: |");
        if (main.Memory is { } memory)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| idle contact grains (one webhook each for distinct persons) | {memory.Acknowledged} | {Bytes(memory.RssBefore)} → {Bytes(memory.RssAfter)} | {Bytes(memory.HeapBefore)} → {Bytes(memory.HeapAfter)} | **{B(memory.BytesPerGrain)}** | {B(memory.HeapBytesPerGrain)} |");
        }

        if (main.IdleTenants is { } idle)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| idle installed tenants (sandbox install flow, 8 at a time, {F(idle.Seconds, "0")} s) | {idle.Installed} of {idle.Requested} | {Bytes(idle.Before.RssBytes)} → {Bytes(idle.After.RssBytes)} | {Bytes(idle.Before.HeapBytes)} → {Bytes(idle.After.HeapBytes)} | {B(idle.RssPerTenant)} | {B(idle.HeapPerTenant)} |");
            if (idle.Middle is { } middle)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| of which the second half (marginal cost of one more tenant) | {idle.Installed - idle.InstalledFirstHalf} | {Bytes(middle.RssBytes)} → {Bytes(idle.After.RssBytes)} | {Bytes(middle.HeapBytes)} → {Bytes(idle.After.HeapBytes)} | **{B(idle.MarginalRssPerTenant)}** | {B(idle.MarginalHeapPerTenant)} |");
            }
            if (idle.Idle is { } collected)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| the same tenants after {F(idle.IdleSeconds, "0")} s with nothing to do (their grains collected) | {idle.Installed} | {Bytes(idle.Before.RssBytes)} → {Bytes(collected.RssBytes)} | {Bytes(idle.Before.HeapBytes)} → {Bytes(collected.HeapBytes)} | **{B(idle.IdleRssPerTenant)}** | {B(idle.IdleHeapPerTenant)} |");
            }

            if (idle.Failure is not null)
            {
                md.AppendLine();
                md.AppendLine(CultureInfo.InvariantCulture, $"Installing idle tenants stopped: {idle.Failure}.");
            }
        }

        if (main.Setup is { } setup)
        {
            md.AppendLine();
            md.Append(CultureInfo.InvariantCulture,
                $"Tenants for the load: {setup.Installed} of {setup.Requested} installed through the sandbox install flow in {F(setup.Seconds, "0.0")} s.");
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

        if (main.Engagement is { NotRun: null } engagement)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| engagement entry (note per person and mailing: {engagement.Recipients} recipients, opens, a click, one hard bounce) | {engagement.Entries} | {N(engagement.PipedriveCalls)} | {Per(engagement.PipedriveCalls, engagement.Entries)} | {N(engagement.PipedriveTokens)} | {Per(engagement.PipedriveTokens, engagement.Entries)} | usage counters |");
        }
        else if (main.Engagement is { NotRun: { } why })
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| engagement entry | not measured: {why} | | | | | |");
        }

        if (main.FirstSync is { NotRun: null } sync)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| first sync of a lived-in account ({sync.Persons} persons, {sync.DoiMails} DOI mails; preview {sync.PreviewSeconds:0.#} s, confirmed run {(sync.Finished ? $"{sync.RunSeconds:0.#} s" : $"not done after {sync.RunSeconds:0} s")}, estimated \"{sync.Estimate}\"; preview {(sync.PreviewMatchesTruth ? "equals the truth" : "differs: " + sync.Mismatch)}; {N(sync.MaileonRequests)} Maileon requests, {Per(sync.MaileonRequests, sync.Persons)} per person) | {sync.Persons} persons | {N(sync.PipedriveCalls)} | {Per(sync.PipedriveCalls, sync.Persons)} | {N(sync.PipedriveTokens)} | {Per(sync.PipedriveTokens, sync.Persons)} | usage counters, from the settings save |");
        }
        else if (main.FirstSync is { NotRun: { } skipped })
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| first sync of a lived-in account | not measured: {skipped} | | | | | |");
        }

        md.AppendLine();
        md.AppendLine("## 5. Scale-out");
        md.AppendLine();
        var capped = ScaleOut.All(results);
        if (capped.Count > 0)
        {
            CappedScaleOut(md, capped, baseName);
            AppendNotes(md, results);
            return md.ToString();
        }

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

        AppendNotes(md, results);
        return md.ToString();
    }

    private static void AppendNotes(StringBuilder md, IReadOnlyList<TopologyResult> results)
    {
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
    }

    /// <summary>Each capped series: throughput, efficiency, every tier's cores, and what bound each topology.</summary>
    private static void CappedScaleOut(StringBuilder md, IReadOnlyList<ScaleSeries> series, string baseName)
    {
        md.AppendLine("Each capped process (silo or web node) runs in a cgroup of its own with the same CPU quota during the saturation phase " +
            "(warm-up and start-up run uncapped); everything else (the other tier, PostgreSQL, the sandbox, the load generator) is not capped. " +
            "So while the capped tier is the bound, adding a process adds capacity: efficiency = T(n) / (n × T(1)). " +
            "Each capped process is offered the same closed-loop load as the single one (requests in flight per process, below: each worker sends to one web node; silos get theirs through the web node, by where each person lives), and the quota's period is the kernel's default of 100 ms, which Kubernetes uses for CPU limits too. " +
            "A capped phase lasts until the capped processes have also done the work its webhooks left (a new person's address, queued behind the ingest): " +
            "acked/s is the webhooks over that whole time, the rate the cap sustains, and the warm-up's own leftover work is done before the cap. " +
            "The capped processes run without tiered compilation, so each method is compiled once, optimized, when first called (with tiering, four processes sharing the load were still recompiling the long tail of their methods minutes in, 30-50 % of a silo's quota, which a process running for hours no longer pays); " +
            "under the cap, the warm-up goes on unmeasured for 10 s, then drained, so the code paths it first reaches are not compiled on the measured phase's quota." +
            Turns(series) + Repeats(series));
        foreach (var (_, activePersons, points) in series)
        {
            var first = points[0];
            md.AppendLine();
            var phase = activePersons
                ? "persons already active (the same renames again: no activation, no directory registration, no address)"
                : "first activations (every webhook for a person not active yet: its activation, its address's, their directory registrations)";
            md.AppendLine(CultureInfo.InvariantCulture, $"**{(first.On == "webs" ? "Web nodes" : "Silos")}**, capped at {F(first.CapCores, "0.00")} core each ({first.Result.Quota!.PeriodMicros / 1000} ms period, {F(first.Result.PhaseSeconds)} s of load per point, {first.Result.Concurrency / first.Processes} requests in flight per process), {phase}{Order(points)}:");
            md.AppendLine();
            md.AppendLine("| topology | acked/s | efficiency | p99 ms | lost | capped tier cores (share of cap) | silo cores | web cores | PostgreSQL cores | machine busy cores | throttled periods | bound by |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
            foreach (var p in points)
            {
                var share = p.CappedCores is { } c ? $"{F(c, "0.00")} ({F(100 * c / (p.CapCores * p.Processes))} %)" : "n/a";
                var rate = p.Repeated ? $"{F(p.AckedPerSecond)} ({p.ListedRuns})" : F(p.AckedPerSecond);
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {p.Result.Topology} | {rate} | {D(p.Efficiency, "0.00")} | {L(p.P99)} | {N(p.Lost)} | {share} | {D(p.SiloCores, "0.00")} | {D(p.WebCores, "0.00")} | {D(p.PostgresCores, "0.00")} | {D(p.MachineCores, "0.00")} | {p.ThrottledPeriods} | {p.Bound} |");
            }

            SiloTraffic(md, points);
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"![scale-out]({baseName}-scaleout.svg)");
    }

    /// <summary>
    /// Per webhook, what the silos spent and said to each other in each topology of a series: nothing when the silos'
    /// counters were not read (reports before they were).
    /// </summary>
    private static void SiloTraffic(StringBuilder md, IReadOnlyList<ScalePoint> points)
    {
        if (points.All(p => p.RemoteRequests is null))
        {
            return;
        }

        md.AppendLine();
        md.AppendLine("Per acknowledged webhook, from the silos' CPU time and their own counters (Orleans' messaging and grain directory, .NET's GC), all silos together: " +
            "a silo-to-silo request is a request message one silo sent another (its response not counted), a directory request one sent to the silo that owns a grain's directory entry (a lookup, a registration, a batch of unregistrations). Within one silo none are sent.");
        md.AppendLine();
        md.AppendLine("| topology | silo CPU ms | silo-to-silo requests | of them grain directory | silo GC pause ms |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var p in points)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.Result.Topology} | {D(p.SiloCpuMs, "0.000")} | {D(p.RemoteRequests, "0.00")} | {D(p.DirectoryRequests, "0.00")} | {D(p.GcPauseMs, "0.000")} |");
        }
    }

    /// <summary>How the series whose topologies ran side by side were measured; empty when they ran one after another.</summary>
    private static string Turns(IReadOnlyList<ScaleSeries> series) =>
        series.SelectMany(s => s.Points).Select(p => p.Result).FirstOrDefault(r => r.Saturation?.Slices is not null) is not { Saturation.Slices: { } slices } result
            ? ""
            : " The topologies of a series ran side by side, each with its own database, sandbox and uncapped tier, and were measured in turns: " +
              $"one cluster loaded at a time while the others idled, each phase in {slices} slice{(slices == 1 ? "" : "s")} of {F(result.PhaseSeconds / slices)} s, " +
              "each slice followed by its drain, the clusters taking their slices in order and then in reverse order (1-2-3-4-4-3-2-1-1-2-…). " +
              "So every topology is measured over the same minutes of the machine: measured one after another, identical clusters differed by about " +
              "twice what the noise of their own seconds explains (six 1-silo clusters: 116-164/s); in turns, three of four by no more than that noise.";

    /// <summary>How topologies measured more than once are summarised; empty when each ran once.</summary>
    private static string Repeats(IReadOnlyList<ScaleSeries> series) =>
        !series.Any(s => s.Points.Any(p => p.Repeated))
            ? ""
            : " A topology measured more than once, each time on a fresh cluster, is the mean of its runs: acked/s is the mean (each run in brackets, " +
              "in the order run), efficiency the ratio of the means, cores the mean, p99 the worst run's, lost and throttled periods summed over the runs. " +
              "A series run up and then down lets a drift of the machine's speed over the series fall alike on the small and the large topologies.";

    /// <summary>The order in which a series' topologies were run (by process count), when any ran more than once.</summary>
    private static string Order(IReadOnlyList<ScalePoint> points) =>
        !points.Any(p => p.Repeated)
            ? ""
            : $", run in the order {string.Join("-", points.SelectMany(p => p.Runs.Select(r => (r.StartedAt, p.Processes))).OrderBy(x => x.StartedAt).Select(x => x.Processes))}";

    /// <summary>The short summary printed at the end of a run.</summary>
    public static string Summary(IReadOnlyList<TopologyResult> results)
    {
        var main = results.FirstOrDefault(r => r.Mode == "full") ?? results[0];
        var text = new StringBuilder();
        text.AppendLine("Benchmark summary");
        foreach (var verdict in Targets.Judge(main, results))
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

    /// <summary>How ingest saturation and the PostgreSQL reference shared their time, when they were measured in turns.</summary>
    private static void AppendInterleaving(StringBuilder md, TopologyResult main)
    {
        if (main.Saturation is not { Slices: { } slices } sat || main.PostgresCommit is not { Slices: not null } reference)
        {
            return;
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Ingest saturation and the PostgreSQL reference were measured in turns, {slices} slice{(slices == 1 ? "" : "s")} of {F(reference.Seconds / slices)} s each, the reference first, so both rates saw the same machine (its speed drifts within minutes). Each ingest slice went on until the silos and webs were quiet again ({F(sat.SettleSeconds ?? 0, "0.0")} s in all), so the work its webhooks left is counted in ingest's time and cost, not in the reference's.");
    }

    /// <summary>The probes that chose each rate phase's in-flight level, one line per phase.</summary>
    private static void AppendLevelProbes(StringBuilder md, TopologyResult main)
    {
        if (main.LevelProbes.Count == 0)
        {
            return;
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Each rate above is measured at the requests in flight at which it was fastest in {F(main.LevelProbes[0].Seconds)} s probes before it (acknowledged per second; the level chosen in bold), so each is compared at its own saturation, not at one level that suits one of them. A higher saturation also raises the rate of the 50% phase.");
        md.AppendLine();
        foreach (var phase in main.LevelProbes.GroupBy(p => p.Phase))
        {
            var chosen = phase.MaxBy(p => p.AckedPerSecond)!.InFlight;
            var atTop = phase.Count() > 1 && chosen == phase.Max(p => p.InFlight) ? " (fastest at the highest level probed: its saturation may lie above)" : "";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"- {phase.Key}: {string.Join(", ", phase.Select(p => p.InFlight == chosen ? $"**{p.InFlight}: {F(p.AckedPerSecond)}/s**" : $"{p.InFlight}: {F(p.AckedPerSecond)}/s"))}{atTop}");
        }
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

    /// <summary>For each ratio target not reached: the CPU per webhook it would need, or the cores at today's cost.</summary>
    private static void AppendIngestBudgets(StringBuilder md, TopologyResult main, PhaseCost cost)
    {
        var commit = main.PostgresCommit?.AckedPerSecond ?? 0;
        var reached = main.Saturation?.AckedPerSecond ?? 0;
        var budgets = new[] { Targets.IngestToCommitRatio, 1.0 }
            .Select(ratio => IngestBudget.For(ratio, cost, commit, main.ProcessorCount))
            .OfType<IngestBudget>()
            .Where(b => reached < b.Rate)
            .ToList();
        if (budgets.Count == 0)
        {
            return;
        }

        var today = budgets[0];
        md.AppendLine();
        md.Append(CultureInfo.InvariantCulture, $"What the ingest ratios not reached would need, from the saturation costs above (every process shares the {main.ProcessorCount} cores): ");
        md.Append(string.Join("; ", budgets.Select(b =>
            $"{F(b.Ratio, "0.00")}× = {F(b.Rate)}/s needs at most {F(b.BudgetMs, "0.000")} CPU-ms per webhook for all processes together, against {F(b.CostMs, "0.000")} measured ({(b.CostMs > b.BudgetMs ? $"{F(100 * b.CutNeeded)} % less" : "within it: the cores were not all busy")}), or {F(b.CoresAtTodaysCost, "0.00")} cores at today's cost")));
        md.Append(CultureInfo.InvariantCulture,
            $". At today's cost the {main.ProcessorCount} cores fully busy would carry {F(IngestBudget.RatioWhenFullyBusy(today.CostMs, commit, main.ProcessorCount), "0.00")}× (they were {D(cost.MachineBusyCores, "0.00")} cores busy)");
        md.AppendLine(CultureInfo.InvariantCulture,
            $", and {F(IngestBudget.RatioWhenFullyBusy(today.ServiceCostMs, commit, main.ProcessorCount), "0.00")}× without the load generator's {F(cost.GeneratorCpuMs, "0.000")} ms, which a deployment does not pay.");
    }

    private static string D(double? value, string format) => value is { } v ? F(v, format) : "n/a";

    private static string L(double? ms) => ms is { } v ? F(v, "0.0") : "n/a";

    private static string B(long? bytes) => bytes is { } b ? $"{F(b)} B" : "n/a";

    private static string Bytes(long? bytes) => bytes is { } b ? $"{F(b / 1048576.0, "0.0")} MiB" : "n/a";

    private static string F(double value, string format = "0") => value.ToString(format, CultureInfo.InvariantCulture);
}
