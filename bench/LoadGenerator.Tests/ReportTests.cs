using System.Text.Json;
using System.Xml.Linq;
using PipedriveMaileon.LoadGenerator.Load;
using PipedriveMaileon.LoadGenerator.Measurement;
using PipedriveMaileon.LoadGenerator.Reporting;

namespace PipedriveMaileon.LoadGenerator.Tests;

public sealed class ReportTests
{
    private static void ContainsAll(string text, params string[] parts) =>
        Assert.All(parts, part => Assert.Contains(part, text, StringComparison.Ordinal));

    private static PhaseResult Phase(string name, double ackedPerSecond, double p99)
    {
        var log = new RequestLog();
        for (var i = 0; i < 100; i++)
        {
            log.Add(new RequestSample(i * 10, i == 99 ? p99 : 1, 200));
        }

        var phase = BenchRun.Summarise(name, log, TimeSpan.FromSeconds(1), null);
        return phase with { AckedPerSecond = ackedPerSecond };
    }

    private static TopologyResult Result(string mode, double ingest, double commit, int lost = 0, long? bytesPerGrain = 1000, long calls = 100,
        long dealCalls = 100, long tenantBytes = 60_000) => new()
    {
        Topology = mode == "full" ? "1 silo, 1 web node" : "2 silos, 2 web nodes",
        Silos = 1, WebNodes = 1, Mode = mode, StartedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 0, TimeSpan.Zero),
        Seed = 1, Tiny = false, Concurrency = 8, PhaseSeconds = 1,
        Saturation = Phase("ingest saturation", ingest, 20),
        HalfRate = Phase("ingest at 50%", ingest / 2, 20),
        BareKestrel = Phase("bare Kestrel", 10_000, 2),
        PostgresCommit = Phase("PostgreSQL one-row commit", commit, 30),
        EndToEnd = new EndToEndResult(100, 100, 100 - lost, lost, Percentiles.Summarise(Enumerable.Repeat(100.0, 100)), calls, 1000, "usage counters"),
        Memory = new MemoryResult(1000, 1000, 1, 2, bytesPerGrain, 1, 2, bytesPerGrain / 2),
        Deals = new DealResult(100, 100, 100, 10, dealCalls, 100, "usage counters"),
        IdleTenants = new IdleTenantsResult(1000, 1000, null, 30, new MemorySnapshot(100_000_000, 50_000_000),
            new MemorySnapshot(100_000_000 + (1000 * tenantBytes), 50_000_000 + (1000 * tenantBytes / 2))),
    };

    /// <summary>A capped scale-out series: T(n) per n, each capped process using <paramref name="capShare"/> of its 0.1-core cap.</summary>
    private static List<TopologyResult> Capped(string on, double capShare, params double[] rates) =>
        [.. rates.Select((rate, i) => Result("scaleout", rate, 600) with
        {
            Topology = $"{(on == "silos" ? i + 1 : 1)} silos, {(on == "webs" ? i + 1 : 1)} web nodes",
            Silos = on == "silos" ? i + 1 : 1,
            WebNodes = on == "webs" ? i + 1 : 1,
            Concurrency = 8 * (i + 1),
            Quota = new QuotaResult(on, 0.1, i + 1, true, null, 500, 10_000),
            SaturationCost = new PhaseCost((int)rate, capShare * 0.1 * (i + 1) * 1000 / rate, capShare * 0.1 * (i + 1) * 1000 / rate, 0.1, 0.01, 1, 0.1, 1000, [], 1200, 1.2),
        })];

    [Fact]
    public void Targets_met_when_every_figure_is_inside()
    {
        var main = Result("full", ingest: 500, commit: 600);
        var verdicts = Targets.Judge(main, [main, .. Capped("silos", 0.95, 100, 190, 280, 360)]);
        Assert.Equal(8, verdicts.Count);
        Assert.All(verdicts, v => Assert.Equal("met", v.Verdict));
    }

    [Fact]
    public void Targets_not_met_when_figures_are_outside()
    {
        var main = Result("full", ingest: 440, commit: 600, lost: 1, bytesPerGrain: 5000, calls: 200, dealCalls: 200, tenantBytes: 70_000);
        var verdicts = Targets.Judge(main, [main, .. Capped("silos", 0.95, 100, 150, 200, 250)]);
        Assert.Equal("not met", verdicts[0].Verdict);
        Assert.Equal("not met", verdicts[3].Verdict);
        Assert.Equal("not met", verdicts[4].Verdict);
        Assert.All(verdicts.Skip(5), v => Assert.Equal("not met", v.Verdict));
    }

    [Fact]
    public void Idle_tenants_are_judged_once_their_grains_are_collected()
    {
        var installed = Result("full", 500, 600, tenantBytes: 70_000).IdleTenants!;
        var idle = installed with { Idle = new MemorySnapshot(100_000_000 + (1000 * 20_000L), 50_000_000 + (1000 * 10_000L)), IdleSeconds = 210 };

        var verdict = Targets.Judge(Result("full", 500, 600) with { IdleTenants = idle })[6];

        Assert.Equal("met", verdict.Verdict);
        Assert.StartsWith("RSS 20000 B, managed heap 10000 B per tenant over all 1000 installed, after 210 s idle", verdict.Measured, StringComparison.Ordinal);
        Assert.Contains("the same tenants after 210 s with nothing to do", MarkdownReport.Render([Result("full", 500, 600) with { IdleTenants = idle }], "x", null), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_measurements_are_na_not_met()
    {
        var result = Result("full", 400, 600) with { PostgresCommit = null, Memory = null, EndToEnd = null, Deals = null, IdleTenants = null };
        var verdicts = Targets.Judge(result);
        Assert.All(new[] { 0, 3, 4, 5, 6, 7 }, i => Assert.StartsWith("n/a", verdicts[i].Verdict, StringComparison.Ordinal));
    }

    [Fact]
    public void Each_rate_shows_its_in_flight_level_and_the_probes_that_chose_it()
    {
        var probed = Result("full", 400, 600) with
        {
            LevelProbes = [new("ingest", 32, 5, 300), new("ingest", 64, 5, 410), new("ingest", 128, 5, 405), new("PostgreSQL one-row commit", 32, 5, 610), new("PostgreSQL one-row commit", 64, 5, 590)],
            Saturation = Phase("ingest saturation", 400, 10) with { InFlight = 64 },
            PostgresCommit = Phase("PostgreSQL one-row commit", 600, 10) with { InFlight = 32 },
        };
        ContainsAll(
            MarkdownReport.Render([probed], "x", null),
            "| ingest saturation | 64 | ",
            "| PostgreSQL one-row commit | 32 | ",
            "- ingest: 32: 300/s, **64: 410/s**, 128: 405/s\n",
            "- PostgreSQL one-row commit: **32: 610/s**, 64: 590/s",
            "each at its fastest in-flight level",
            "in 5 s probes",
            "each is compared at its own saturation");

        var atTop = probed with { LevelProbes = [new("ingest", 32, 5, 300), new("ingest", 64, 5, 410)] };
        Assert.Contains(
            "- ingest: 32: 300/s, **64: 410/s** (fastest at the highest level probed: its saturation may lie above)",
            MarkdownReport.Render([atTop], "x", null),
            StringComparison.Ordinal);

        var unprobed = MarkdownReport.Render([Result("full", 400, 600)], "x", null);
        Assert.Contains("same concurrency", unprobed, StringComparison.Ordinal);
        Assert.DoesNotContain("probes", unprobed, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_and_reference_measured_in_turns_say_so_and_how_long_ingest_settled()
    {
        var interleaved = Result("full", 400, 600) with
        {
            Saturation = Phase("ingest saturation", 400, 10) with { Seconds = 16.4, Slices = 5, SettleSeconds = 1.4 },
            PostgresCommit = Phase("PostgreSQL one-row commit", 600, 10) with { Seconds = 15, Slices = 5 },
        };
        ContainsAll(
            MarkdownReport.Render([interleaved], "x", null),
            "measured in turns, 5 slices of 3 s each, the reference first",
            "until the silos and webs were quiet again (1.4 s in all)");

        Assert.DoesNotContain("measured in turns", MarkdownReport.Render([Result("full", 400, 600)], "x", null), StringComparison.Ordinal);
    }

    [Fact]
    public void A_reference_with_failed_commits_gives_no_ingest_verdict()
    {
        var failing = Phase("PostgreSQL one-row commit", 300, 10) with { Sent = 200, Statuses = new() { ["200"] = 100, ["no answer"] = 100 } };
        var verdict = Targets.Judge(Result("full", 400, 600) with { PostgresCommit = failing })[0];
        Assert.Equal("n/a (the reference's commits failed)", verdict.Verdict);
        Assert.Contains("committed 100 of 200", verdict.Measured, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_has_targets_ratios_plots_and_scale_out_rows()
    {
        ContainsAll(
            MarkdownReport.Render([Result("full", 400, 600), Result("scaleout", 300, 600)], "2026-01-02-0304", "a note"),
            "## Targets",
            "0.67×",
            "![throughput](2026-01-02-0304-throughput.svg)",
            "| 2 silos, 2 web nodes |",
            "not a speed-up",
            "a note");
    }

    [Fact]
    public void The_report_says_what_each_ingest_ratio_not_reached_would_need_and_nothing_once_both_are()
    {
        TopologyResult Run(double ingest) => Result("full", ingest, 9871) with { ProcessorCount = 2, SaturationCost = IngestBudgetTests.Measured };

        var below = MarkdownReport.Render([Run(4764)], "x", null);
        var between = MarkdownReport.Render([Run(8000)], "x", null);
        var beyond = MarkdownReport.Render([Run(10_000)], "x", null);

        Assert.Contains("0.75× = 7403/s needs at most 0.270 CPU-ms per webhook for all processes together, against 0.334 measured (19 % less), or 2.47 cores at today's cost", below, StringComparison.Ordinal);
        Assert.Contains("1.00× = 9871/s needs at most 0.203 CPU-ms per webhook", below, StringComparison.Ordinal);
        Assert.Contains("fully busy would carry 0.61× (they were 1.63 cores busy), and 0.71× without the load generator's 0.050 ms", below, StringComparison.Ordinal);
        Assert.DoesNotContain("0.75× = ", between, StringComparison.Ordinal);
        Assert.Contains("1.00× = 9871/s", between, StringComparison.Ordinal);
        Assert.DoesNotContain("What the ingest ratios not reached would need", beyond, StringComparison.Ordinal);

        // A reference three times slower: 1.00x would leave more CPU per webhook than was spent, so the cores were idle.
        var idle = MarkdownReport.Render([Result("full", 2500, 3000) with { ProcessorCount = 2, SaturationCost = IngestBudgetTests.Measured }], "x", null);
        Assert.Contains("1.00× = 3000/s needs at most 0.667 CPU-ms per webhook for all processes together, against 0.334 measured (within it: the cores were not all busy)", idle, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writer_produces_markdown_json_and_two_svgs()
    {
        var directory = Path.Combine(Path.GetTempPath(), "bench-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            var path = await ReportWriter.WriteAsync([Result("full", 400, 600)], directory, null);
            Assert.True(File.Exists(path + ".md"));
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path + ".json"));
            Assert.Equal(8, json.RootElement.GetProperty("targets").GetArrayLength());
            XDocument.Parse(await File.ReadAllTextAsync(path + "-throughput.svg"));
            XDocument.Parse(await File.ReadAllTextAsync(path + "-latency.svg"));
            Assert.False(File.Exists(path + "-scaleout.svg")); // no capped series, no plot

            var capped = await ReportWriter.WriteAsync([Result("full", 400, 600), .. Capped("silos", 0.95, 100, 190), .. Capped("webs", 0.5, 300, 320)], directory, null);
            var plot = XDocument.Parse(await File.ReadAllTextAsync(capped + "-scaleout.svg"));
            Assert.Equal(2, plot.Descendants().Count(e => e.Name.LocalName == "polyline"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Capped_series_give_efficiency_and_what_bound_each_topology()
    {
        var silos = ScaleOut.Series([Result("full", 400, 600), .. Capped("silos", 0.95, 100, 190, 270, 340)], "silos");
        Assert.Equal([1, 2, 3, 4], silos.Select(p => p.Processes));
        Assert.Equal(0.85, silos[3].Efficiency!.Value, 3);
        Assert.All(silos, p => Assert.StartsWith("the capped silos (", p.Bound, StringComparison.Ordinal));

        var webs = ScaleOut.Series(Capped("webs", 0.5, 300, 320), "webs");
        Assert.All(webs, p => Assert.StartsWith("neither the cap nor the cores", p.Bound, StringComparison.Ordinal));
        var markdown = MarkdownReport.Render([Result("full", 400, 600), .. Capped("silos", 0.95, 100, 190)], "x", null);
        Assert.Contains("| 2 silos, 1 web nodes | 190 | 0.95 |", markdown, StringComparison.Ordinal);
        Assert.Contains("![scale-out](x-scaleout.svg)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_topology_run_more_than_once_is_the_mean_of_its_runs_listed_in_the_order_run()
    {
        // The series up and then down: 1, 2, 2, 1 silos, each run on its own cluster.
        var up = Capped("silos", 0.95, 100, 200);
        var down = Capped("silos", 0.95, 140, 160);
        var runs = new[] { up[0], up[1], down[1], down[0] }.Select((r, i) => r with { StartedAt = r.StartedAt.AddMinutes(i) }).ToList();

        var silos = ScaleOut.Series(runs, "silos");
        Assert.Equal([1, 2], silos.Select(p => p.Processes));
        Assert.Equal([100.0, 140.0], silos[0].Runs.Select(r => r.AckedPerSecond));
        Assert.Equal([200.0, 160.0], silos[1].Runs.Select(r => r.AckedPerSecond));
        Assert.Equal(180, silos[1].AckedPerSecond, 3);
        Assert.Equal(0.75, silos[1].Efficiency!.Value, 3);
        Assert.Equal(0.19, silos[1].CappedCores!.Value, 3);
        Assert.Equal(1000, silos[1].ThrottledPeriods);
        Assert.Equal(0, silos[1].Lost);

        var markdown = MarkdownReport.Render([Result("full", 400, 600), .. runs], "x", null);
        Assert.Contains("| 2 silos, 1 web nodes | 180 (200, 160) | 0.75 |", markdown, StringComparison.Ordinal);
        Assert.Contains("first activations (every webhook for a person not active yet: its activation, its address's, their directory registrations), run in the order 1-2-2-1:", markdown, StringComparison.Ordinal);
        Assert.Contains("A topology measured more than once, each time on a fresh cluster, is the mean of its runs", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_series_measured_in_turns_says_how_and_lists_no_runs()
    {
        var inTurns = Capped("silos", 0.95, 100, 190).Select(r => r with { Saturation = r.Saturation! with { Slices = 6 }, PhaseSeconds = 30 }).ToList();

        var markdown = MarkdownReport.Render([Result("full", 400, 600), .. inTurns], "x", null);

        ContainsAll(markdown,
            "were measured in turns: one cluster loaded at a time while the others idled, each phase in 6 slices of 5 s,",
            "(1-2-3-4-4-3-2-1-1-2-…)",
            "| 2 silos, 1 web nodes | 190 | 0.95 |");
        Assert.DoesNotContain("run in the order", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("measured in turns", MarkdownReport.Render([Result("full", 400, 600), .. Capped("silos", 0.95, 100, 190)], "x", null), StringComparison.Ordinal);
    }

    [Fact]
    public void A_point_that_acknowledged_nothing_has_no_silo_cpu_per_webhook()
    {
        var silos = ScaleOut.Series(Capped("silos", 0.95, 100, 0), "silos");

        Assert.Equal(0, silos[1].AckedPerSecond);
        Assert.Null(silos[1].SiloCpuMs);
        Assert.NotNull(silos[0].SiloCpuMs);
    }

    [Fact]
    public void The_silos_traffic_per_webhook_is_shown_where_their_counters_were_read()
    {
        var counted = Capped("silos", 0.95, 100, 190).Select((r, i) => r with
        {
            SaturationCost = r.SaturationCost! with { SiloRemoteRequests = 1.6 * i, DirectoryRequests = 1.5 * i, SiloGcPauseMs = 0.05 },
        }).ToList();

        var silos = ScaleOut.Series(counted, "silos");
        Assert.Equal(1.6, silos[1].RemoteRequests!.Value, 3);
        Assert.Equal(1.5, silos[1].DirectoryRequests!.Value, 3);
        Assert.Equal(0.95 * 0.2 * 1000 / 190, silos[1].SiloCpuMs!.Value, 3);
        var markdown = MarkdownReport.Render([Result("full", 400, 600), .. counted], "x", null);
        ContainsAll(markdown,
            "| topology | silo CPU ms | silo-to-silo requests | of them grain directory | silo GC pause ms |",
            "| 1 silos, 1 web nodes | 0.950 | 0.00 | 0.00 | 0.050 |",
            "| 2 silos, 1 web nodes | 1.000 | 1.60 | 1.50 | 0.050 |");
        Assert.DoesNotContain("silo-to-silo requests", MarkdownReport.Render([Result("full", 400, 600), .. Capped("silos", 0.95, 100, 190)], "x", null), StringComparison.Ordinal);
    }

    [Fact]
    public void The_scale_out_target_is_judged_on_the_means_and_names_the_runs_behind_them()
    {
        var up = Capped("silos", 0.95, 100, 190, 280, 360);
        var down = Capped("silos", 0.95, 140, 190, 280, 400);
        var runs = up.Concat(Enumerable.Reverse(down)).Select((r, i) => r with { StartedAt = r.StartedAt.AddMinutes(i) }).ToList();
        var main = Result("full", 500, 600);

        var verdict = Targets.Judge(main, [main, .. runs]).Single(v => v.Target.StartsWith("scale-out", StringComparison.Ordinal));

        Assert.Equal("not met", verdict.Verdict);
        Assert.StartsWith("0.79 (380/s vs 4 × 120/s, means of 360, 400/s and 100, 140/s)", verdict.Measured, StringComparison.Ordinal);
    }

    [Fact]
    public void The_persons_already_active_series_is_read_from_its_own_phase_and_shown_beside_the_first_activations()
    {
        var results = Capped("silos", 0.95, 100, 190).Select((r, i) => r with
        {
            ProcessorCount = 2,
            ActivePersons = Phase("persons already active", (i + 1) * 450, 40),
            ActivePersonsCost = r.SaturationCost! with { SiloCpuMs = 0.95 * 0.1 * 1000 / 450, MachineBusyCores = 1.9 },
        }).ToList();

        var cold = ScaleOut.Series(results, "silos");
        var active = ScaleOut.Series(results, "silos", activePersons: true);
        Assert.Equal(0.95, cold[1].Efficiency!.Value, 3);
        Assert.Equal(450, active[0].AckedPerSecond);
        Assert.Equal(1.0, active[1].Efficiency!.Value, 3);
        Assert.StartsWith("the capped silos (", active[1].Bound, StringComparison.Ordinal);
        Assert.Contains("the machine's", active[1].Bound, StringComparison.Ordinal);

        var markdown = MarkdownReport.Render([Result("full", 400, 600), .. results], "x", null);
        Assert.Contains("core each (10 ms period, 1 s of load per point, 8 requests in flight per process), first activations", markdown, StringComparison.Ordinal);
        Assert.Contains("(10 ms period, 1 s of load per point, 8 requests in flight per process), persons already active", markdown, StringComparison.Ordinal);
        Assert.Contains("| 2 silos, 1 web nodes | 900 | 1.00 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Fragments_round_trip_through_json()
    {
        var result = Result("full", 400, 600);
        var back = JsonSerializer.Deserialize<TopologyResult>(JsonSerializer.Serialize(result, ReportJson.Options), ReportJson.Options)!;
        Assert.Equal(result.Saturation!.Acknowledged, back.Saturation!.Acknowledged);
        Assert.Equal(result.EndToEnd!.Latency.P99, back.EndToEnd!.Latency.P99);
    }

    [Fact]
    public void Webhook_bodies_are_v2_and_carry_the_marker()
    {
        var tenant = new BenchTenant(42, 7, "user", "secret", Installed: true, "abc123", 17);
        var factory = new WebhookFactory(5);
        using var body = JsonDocument.Parse(factory.PersonSubscribe(tenant, 9, created: true));
        var meta = body.RootElement.GetProperty("meta");
        Assert.Equal("2.0", meta.GetProperty("version").GetString());
        Assert.Equal("42", meta.GetProperty("company_id").GetString());
        Assert.Equal("create", meta.GetProperty("action").GetString());
        Assert.Equal(17, body.RootElement.GetProperty("data").GetProperty("custom_fields").GetProperty("abc123").GetProperty("id").GetInt64());
        Assert.Matches(WebhookFactory.MarkerPattern, body.RootElement.GetProperty("data").GetProperty("emails")[0].GetProperty("value").GetString());
        Assert.NotEqual(meta.GetProperty("id").GetString(), JsonDocument.Parse(factory.PersonRename(tenant, 9)).RootElement.GetProperty("meta").GetProperty("id").GetString());
        Assert.Equal("Basic dXNlcjpzZWNyZXQ=", tenant.Authorization);
    }

    [Fact]
    public void A_subscribe_for_an_emulator_person_names_its_id_and_keeps_the_marker_it_was_created_with()
    {
        var tenant = new BenchTenant(42, 7, "user", "secret", Installed: true, "abc123", 17);
        using var body = JsonDocument.Parse(new WebhookFactory(5).PersonSubscribe(tenant, 3, created: true, markedAs: 10_000_000));
        var data = body.RootElement.GetProperty("data");
        Assert.Equal("3", body.RootElement.GetProperty("meta").GetProperty("entity_id").GetString());
        Assert.Equal(3, data.GetProperty("id").GetInt64());
        Assert.Equal(WebhookFactory.Email(5, 42, 10_000_000), data.GetProperty("emails")[0].GetProperty("value").GetString());
        Assert.Equal("Bench Person10000000", data.GetProperty("name").GetString());
    }
}
