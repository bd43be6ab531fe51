using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using PipedriveMaileon.LoadGenerator.Bounds;
using PipedriveMaileon.LoadGenerator.Cli;
using PipedriveMaileon.LoadGenerator.Load;
using PipedriveMaileon.LoadGenerator.Measurement;
using PipedriveMaileon.LoadGenerator.Reporting;
using PipedriveMaileon.LoadGenerator.Sandbox;

namespace PipedriveMaileon.LoadGenerator;

/// <summary>Measures one running topology, phase by phase, and writes its fragment.</summary>
public sealed class BenchRun(BenchArguments args)
{
    private const long SubscribePersonBase = 10_000_000;
    private const long ActivationPersonBase = 20_000_000;
    private const long DealBase = 30_000_000;
    private const long WarmupPersonBase = 40_000_000;

    /// <summary>Tiered compilation using less than this (cores, all services together) counts as settled.</summary>
    private const double JitSettledCores = 0.02;

    private const int MaxJitSettleSeconds = 45;

    private static readonly TimeSpan JitSettleRound = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan CappedSettle = TimeSpan.FromSeconds(10);

    /// <summary>How long a rate phase runs at each in-flight level it probes.</summary>
    private static readonly TimeSpan LevelProbeDuration = TimeSpan.FromSeconds(5);

    /// <summary>Capped processes using less than this share of their cap have finished a phase's work (idle costs about 0.2).</summary>
    private const double DrainedShareOfCap = 0.5;

    private const int MaxDrainSeconds = 60;

    /// <summary>How long a generator taking turns waits for its next one: the others' set-up and warm-up come first.</summary>
    private static readonly TimeSpan TurnPatience = TimeSpan.FromMinutes(30);

    /// <summary>The length of one ingest slice and of one reference slice in <see cref="InterleavedAsync"/> (about).</summary>
    private static readonly TimeSpan InterleaveSlice = TimeSpan.FromSeconds(3);

    /// <summary>Silos and webs together below this many cores have done what an ingest slice left (idle is about 0.03).</summary>
    private const double QuietCores = 0.1;

    private static readonly TimeSpan QuietWindow = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan MaxSettle = TimeSpan.FromSeconds(10);
    private readonly List<string> notes = [];

    /// <summary>The silos' own counters, when bench.sh opened their Prometheus listeners.</summary>
    private readonly SiloCounters? siloCounters = args.SiloMetrics.Count > 0 ? new SiloCounters(args.SiloMetrics) : null;

    /// <summary>Warm-up webhooks sent so far: each warm-up round goes on with persons not sent before.</summary>
    private long warmupSent;

    private readonly List<LevelProbe> levelProbes = [];

    // The Pipedrive emulator's ids of the persons created for the subscribes (by subscribe index): deal events must
    // name a person the app can look up, so they use these ids (the subscribe webhooks carry the same e-mail addresses).
    private readonly List<long> createdPersons = [];

    public async Task<TopologyResult> RunAsync()
    {
        var started = DateTimeOffset.UtcNow;
        // Side by side with other clusters: a first turn for everything up to the measured phases, one per slice of
        // each capped phase, and a last one for the rest, so no cluster's set-up or later phases load the machine
        // while another cluster is measured.
        using var baton = args.TurnsFile is { } turns
            ? new TurnBaton(turns, args.Turn.Member, args.Turn.Members, steps: (2 * args.Slices) + 2, TurnPatience)
            : null;
        var preparing = baton is null ? null : await baton.TakeAsync();
        using var sandbox = new SandboxClient(args.PipedriveSandbox, args.MaileonSandbox);
        var factory = new WebhookFactory(args.Seed);

        PhaseResult? kestrel = null, postgres = null;
        PostgresCommitBound? reference = null;
        var referenceInFlight = 0;
        if (args.Mode == "full")
        {
            kestrel = await BareKestrelAsync(factory);
            (reference, referenceInFlight) = args.Postgres is null ? (null, 0) : await PostgresReferenceAsync();
        }

        await using var referenceBound = reference;

        var (tenants, setup) = await SetupTenantsAsync(sandbox);
        using var sender = new WebhookSender(args.WebUrls, args.SaturationLevels[^1] * 2);

        var warmupSeconds = await WarmupAsync(sender, factory, tenants);
        var saturationInFlight = await FastestLevelAsync("ingest", WarmupSend(sender, factory, tenants));
        var statements = args.Postgres is null ? null : new StatementStats(args.Postgres);
        var statementsOff = statements is null ? "no --postgres" : await statements.EnableAsync();
        if (statementsOff is not null)
        {
            notes.Add($"Statements per webhook not measured (pg_stat_statements: {statementsOff}).");
            statements = null;
        }

        var quotaPids = args.QuotaOn == "webs" ? args.WebPids : args.SiloPids;
        QuotaResult? quotaResult = null;
        PhaseResult saturation;
        PhaseCost cost;
        PhaseResult? active = null;
        PhaseCost? activeCost = null;
        {
            // The warm-up's own outbox work is done (uncapped, in seconds) before the cap, not in the measured phase.
            await DrainAsync(quotaPids);
            var (quota, quotaFailure) = args.CpuQuota is { } cores ? CpuQuota.Apply(quotaPids, cores) : (null, null);
            using (quota)
            {
                if (quotaFailure is not null)
                {
                    notes.Add($"Scale-out under CPU quotas skipped: {quotaFailure}. This topology ran without a cap.");
                }
                else if (quota is not null)
                {
                    await SettleUnderCapAsync(sender, factory, tenants, quotaPids);
                }

                preparing?.Dispose();
                var throttledBefore = quota?.ThrottledPeriods() ?? 0;

                if (reference is not null && quota is null)
                {
                    (saturation, cost, postgres) = await InterleavedAsync(sender, factory, tenants, saturationInFlight, reference, referenceInFlight, statements);
                }
                else if (baton is not null)
                {
                    (saturation, cost) = await InTurnsAsync(
                        baton, "ingest saturation", (i, ct) => SendRenameAsync(sender, factory, tenants, i, 1, ct), saturationInFlight, statements, quotaPids);
                }
                else
                {
                    (saturation, cost) = await MeasuredAsync(() => SaturationAsync(sender, factory, tenants, quotaPids, saturationInFlight), statements);
                }

                quotaResult = args.CpuQuota is { } asked
                    ? new QuotaResult(args.QuotaOn, asked, quotaPids.Count, quota is not null, quotaFailure, (quota?.ThrottledPeriods() ?? 0) - throttledBefore, quota?.PeriodMicros ?? 0)
                    : null;
                if (args.Mode == "scaleout" && baton is not null)
                {
                    var cycle = ActivatedCycle(tenants, saturation.Sent);
                    (active, activeCost) = await InTurnsAsync(
                        baton, "persons already active", (i, ct) => SendRenameAsync(sender, factory, tenants, i % cycle, 1, ct), args.Concurrency, null, quotaPids);
                }
                else if (args.Mode == "scaleout")
                {
                    (active, activeCost) = await MeasuredAsync(() => ActivePersonsAsync(sender, factory, tenants, saturation.Sent, quotaPids), null);
                }
            }
        }

        using var rest = baton is null ? null : await baton.TakeAsync();

        var stateSize = statements is null ? null : await statements.ContactStateSizeAsync();
        PhaseResult? half = null;
        PhaseCost? halfCost = null;
        if (args.Mode == "full")
        {
            var rate = Math.Max(1, 0.5 * (saturation.Acknowledged > 0 ? saturation.AckedPerSecond : saturation.AnsweredPerSecond));
            (half, halfCost) = await MeasuredAsync(async () =>
            {
                using var progress = new Progress("ingest at 50% of saturation", duration: args.PhaseDuration);
                var log = await LoadRunner.OpenLoopAsync(
                    (i, ct) => SendRenameAsync(sender, factory, tenants, i, 1, ct),
                    rate, args.PhaseDuration, args.Concurrency * 8, progress);
                return Summarise("ingest at 50%", log, args.PhaseDuration, rate);
            }, statements);
        }

        var endToEnd = await EndToEndAsync(sandbox, sender, factory, tenants, half?.OfferedRate ?? Math.Max(1, 0.5 * saturation.AckedPerSecond));
        EngagementResult engagement;
        var recipients = args.Tiny ? 20 : 100;
        using (var progress = new Progress("engagement entries", total: recipients, unit: "entries"))
        {
            engagement = await new EngagementPhase(sandbox, recipients, TimeSpan.FromSeconds(Math.Max(60, args.DrainTimeout.TotalSeconds)), progress).RunAsync(tenants.FirstOrDefault());
        }

        FirstSyncResult? firstSync = null;
        if (args.Mode == "full" && args.FirstSyncPersons > 0 && tenants.Any(t => t.Installed))
        {
            using var progress = new Progress("first sync of a lived-in account", total: null);
            var provisioner = new TenantProvisioner(sandbox, args.WebUrls[0], args.Seed);
            var timeout = TimeSpan.FromSeconds(Math.Max(120, args.FirstSyncPersons / 10.0));
            firstSync = await new FirstSyncPhase(sandbox, provisioner, args.FirstSyncPersons, args.Seed, timeout).RunAsync();
        }

        DealResult? deals = null;
        MemoryResult? memory = null;
        IdleTenantsResult? idle = null;
        if (args.Mode == "full")
        {
            deals = await DealsAsync(sandbox, sender, factory, tenants);
            idle = args.IdleTenants > 0 && tenants.Any(t => t.Installed) ? await IdleTenantsAsync(sandbox) : null;
            memory = await MemoryAsync(sender, factory, tenants);
        }

        if (tenants.All(t => !t.Installed))
        {
            notes.Add("No tenant could be installed through the sandbox, so every webhook went to a stand-in tenant and was refused: " +
                "the ingest figures measure the refusal path (web → cluster → answer), not durable ingest.");
        }

        return new TopologyResult
        {
            Topology = $"{args.Silos} silo{(args.Silos == 1 ? "" : "s")}, {args.WebUrls.Count} web node{(args.WebUrls.Count == 1 ? "" : "s")}",
            Silos = args.Silos,
            WebNodes = args.WebUrls.Count,
            Mode = args.Mode,
            StartedAt = started,
            Seed = args.Seed,
            Tiny = args.Tiny,
            Concurrency = args.Concurrency,
            LevelProbes = levelProbes,
            PhaseSeconds = args.PhaseDuration.TotalSeconds,
            WarmupSeconds = warmupSeconds,
            SaturationCost = cost,
            ActivePersons = active,
            ActivePersonsCost = activeCost,
            HalfRateCost = halfCost,
            Setup = setup,
            BareKestrel = kestrel,
            PostgresCommit = postgres,
            Saturation = saturation,
            HalfRate = half,
            EndToEnd = endToEnd,
            Engagement = engagement,
            FirstSync = firstSync,
            Deals = deals,
            Memory = memory,
            IdleTenants = idle,
            Quota = quotaResult,
            StateSize = stateSize is { } size ? new StateSizeResult(size.Rows, size.AverageBytes) : null,
            Notes = notes,
        };
    }

    public static PhaseResult Summarise(string name, RequestLog log, TimeSpan duration, double? offeredRate)
    {
        var samples = log.Samples;
        var seconds = samples.Count == 0 ? duration.TotalSeconds : Math.Max(duration.TotalSeconds, samples.Max(s => s.StartedMs + s.LatencyMs) / 1000);
        var acked = samples.Where(s => s.Acknowledged).Select(s => s.LatencyMs).ToList();
        var answered = samples.Where(s => s.Status != 0).ToList();
        return new PhaseResult(
            name,
            samples.Count,
            acked.Count,
            samples.GroupBy(s => s.Status == 0 ? "no answer" : s.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            seconds,
            acked.Count / seconds,
            answered.Count / seconds,
            offeredRate,
            Percentiles.Summarise(acked),
            Percentiles.Summarise(answered.Select(s => s.LatencyMs)),
            RequestLog.AckedPerSecond(samples, TimeSpan.FromSeconds(seconds)),
            Histogram.LogBuckets(acked.Count > 0 ? acked : [.. answered.Select(s => s.LatencyMs)]));
    }

    private static BenchTenant Pick(IReadOnlyList<BenchTenant> tenants, long index) => tenants[(int)(index % tenants.Count)];

    /// <summary>
    /// The person (0-based, of <see cref="Pick"/>'s tenant) request <paramref name="index"/> goes to: every person of
    /// every tenant once before any twice. (index % persons paired each tenant with only persons/tenants of its persons.)
    /// </summary>
    private long PersonOf(IReadOnlyList<BenchTenant> tenants, long index) => index / tenants.Count % args.PersonsPerTenant;

    private async Task<PhaseResult> BareKestrelAsync(WebhookFactory factory)
    {
        await using var kestrel = await BareKestrel.StartAsync();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = args.SaturationLevels[^1] * 2 }) { BaseAddress = kestrel.Url };
        var tenant = TenantProvisioner.StandIn(args.Seed, 0);
        var body = factory.PersonRename(tenant, 1);
        Task<int> Send(long _, CancellationToken ct) => WebhookSender.PostRawAsync(client, body, ct);
        var inFlight = await FastestLevelAsync("bare Kestrel", Send);
        using var progress = new Progress("bound (a): bare Kestrel", duration: args.PhaseDuration);
        var log = await LoadRunner.ClosedLoopAsync(Send, inFlight, args.PhaseDuration, null, progress);
        return Summarise("bare Kestrel", log, args.PhaseDuration, null) with { InFlight = inFlight };
    }

    /// <summary>
    /// Reference bound (b), ready to be measured (by <see cref="InterleavedAsync"/>, in turns with ingest): its table, and
    /// its fastest in-flight level from the probes. Null when PostgreSQL refused.
    /// </summary>
    private async Task<(PostgresCommitBound?, int)> PostgresReferenceAsync()
    {
        PostgresCommitBound? bound = null;
        try
        {
            bound = await PostgresCommitBound.CreateAsync(args.Postgres!, args.SaturationLevels[^1], args.Seed);
            return (bound, await FastestLevelAsync("PostgreSQL one-row commit", bound.CommitAsync));
        }
        catch (Npgsql.NpgsqlException ex)
        {
            notes.Add($"Reference bound (b) not measured: {ex.Message}");
            if (bound is not null)
            {
                await bound.DisposeAsync();
            }

            return (null, 0);
        }
    }

    private async Task<(IReadOnlyList<BenchTenant>, SetupResult)> SetupTenantsAsync(SandboxClient sandbox)
    {
        var clock = Stopwatch.StartNew();
        var rssBefore = ProcessMemory.TotalRss(args.SiloPids);
        var tenants = new List<BenchTenant>();
        string? failure = null;
        using (var progress = new Progress("install tenants", total: args.Tenants))
        {
            var provisioner = new TenantProvisioner(sandbox, args.WebUrls[0], args.Seed);
            for (var i = 0; i < args.Tenants; i++)
            {
                var (tenant, reason) = await provisioner.InstallAsync(i);
                progress.Advance();
                if (tenant is null)
                {
                    failure = reason;
                    break;
                }

                tenants.Add(tenant);
            }
        }

        var installed = tenants.Count;
        var rssAfter = ProcessMemory.TotalRss(args.SiloPids);
        int personsCreated = 0;
        string? personFailure = null;
        if (installed == 0)
        {
            tenants.AddRange(Enumerable.Range(0, args.Tenants).Select(i => TenantProvisioner.StandIn(args.Seed, i)));
        }
        else
        {
            var provisioner = new TenantProvisioner(sandbox, args.WebUrls[0], args.Seed);
            using var progress = new Progress("create persons in Pipedrive", total: args.Subscribes);
            for (var i = 0; i < args.Subscribes && personFailure is null; i++)
            {
                (var created, personFailure) = await provisioner.CreatePersonAsync(Pick(tenants, i), SubscribePersonBase + i);
                if (created is { } id)
                {
                    createdPersons.Add(id);
                    personsCreated++;
                }
                progress.Advance();
            }
        }

        long? growth = rssBefore is { } b && rssAfter is { } a && installed > 0 ? a - b : null;
        return (tenants, new SetupResult(args.Tenants, installed, failure, clock.Elapsed.TotalSeconds, growth,
            growth is { } g ? g / installed : null, personsCreated, personFailure));
    }

    /// <summary>
    /// Unmeasured closed-loop load for persons the measured phases never use: warms JIT tiers, pools and caches so
    /// saturation measures a running service, while its own persons are still activated cold during the phase. After
    /// the configured seconds it goes on in short rounds while the services' tiered compilation is still busy (at most
    /// <see cref="MaxJitSettleSeconds"/> more): the JIT's re-compiling is start-up work, not what a webhook costs.
    /// Returns the seconds it took.
    /// </summary>
    private async Task<double> WarmupAsync(WebhookSender sender, WebhookFactory factory, IReadOnlyList<BenchTenant> tenants)
    {
        if (args.Warmup <= TimeSpan.Zero)
        {
            return 0;
        }

        var services = args.SiloPids.Concat(args.WebPids).ToList();
        var clock = Stopwatch.StartNew();
        var jitCores = await WarmupRoundAsync(sender, factory, tenants, args.Warmup, "warm-up (not measured)", services);
        // A tiny run is a smoke test of seconds: it does not wait for the JIT.
        var until = args.Warmup + TimeSpan.FromSeconds(args.Tiny ? 0 : MaxJitSettleSeconds);
        while (jitCores > JitSettledCores && clock.Elapsed < until)
        {
            jitCores = await WarmupRoundAsync(sender, factory, tenants, JitSettleRound, $"warm-up until the JIT settles ({jitCores:0.000} cores compiling)", services);
        }

        if (jitCores > JitSettledCores && !args.Tiny)
        {
            notes.Add($"The JIT was still compiling ({jitCores:0.000} cores) when the warm-up ended after {clock.Elapsed.TotalSeconds:0} s.");
        }

        await Task.Delay(TimeSpan.FromSeconds(args.Tiny ? 0.2 : 1));
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The warm-up's load goes on, unmeasured, for <see cref="CappedSettle"/> under the cap, then the capped processes'
    /// leftover work is drained: the code paths first reached under the cap (the capped processes compile each method
    /// once, on its first call: no tiering, see bench.sh) are not compiled on the measured phase's quota.
    /// </summary>
    private async Task SettleUnderCapAsync(WebhookSender sender, WebhookFactory factory, IReadOnlyList<BenchTenant> tenants, IReadOnlyList<int> cappedPids)
    {
        await WarmupRoundAsync(sender, factory, tenants, args.Tiny ? TimeSpan.FromSeconds(1) : CappedSettle, "warm-up under the cap (not measured)", cappedPids);
        await DrainAsync(cappedPids);
    }

    /// <summary>Closed-loop renames of warm-up persons not sent before; returns the cores <paramref name="jitPids"/>' tiered compilation used.</summary>
    private async Task<double> WarmupRoundAsync(
        WebhookSender sender, WebhookFactory factory, IReadOnlyList<BenchTenant> tenants, TimeSpan duration, string label, IReadOnlyList<int> jitPids)
    {
        var jitBefore = TieredCompilation.CpuSeconds(jitPids);
        using var progress = new Progress(label, duration: duration);
        await LoadRunner.ClosedLoopAsync(WarmupSend(sender, factory, tenants), args.Concurrency, duration, null, progress);
        return (TieredCompilation.CpuSeconds(jitPids) - jitBefore) / duration.TotalSeconds;
    }

    /// <summary>Renames of warm-up persons, each call the next one not sent before (the request index is not used).</summary>
    private Func<long, CancellationToken, Task<int>> WarmupSend(WebhookSender sender, WebhookFactory factory, IReadOnlyList<BenchTenant> tenants) =>
        (_, ct) =>
        {
            var index = Interlocked.Increment(ref warmupSent) - 1;
            return SendRenameAsync(sender, factory, tenants, index, WarmupPersonBase, ct);
        };

    /// <summary>The rename webhook of request <paramref name="index"/>: its tenant's person <see cref="PersonOf"/>, numbered from <paramref name="personBase"/>.</summary>
    private Task<int> SendRenameAsync(WebhookSender sender, WebhookFactory factory, IReadOnlyList<BenchTenant> tenants, long index, long personBase, CancellationToken cancellationToken)
    {
        var tenant = Pick(tenants, index);
        return sender.SendAsync(tenant, factory.PersonRename(tenant, personBase + PersonOf(tenants, index)), cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="send"/> closed loop for <see cref="LevelProbeDuration"/> at each of the arguments'
    /// <see cref="BenchArguments.SaturationLevels"/>, after an unrecorded round at the highest, and answers the level
    /// with the most acknowledged requests per second; the probes are recorded for the report, not measured. With one
    /// level there is no probe. The phase is then measured in a run of its own, so the reported rate is not the best of
    /// several draws.
    /// </summary>
    private async Task<int> FastestLevelAsync(string phase, Func<long, CancellationToken, Task<int>> send)
    {
        var levels = args.SaturationLevels;
        if (levels.Count == 1)
        {
            return levels[0];
        }

        // Unrecorded, at the top level: the first probe must not pay for opening connections and compiling code.
        using (var warm = new Progress($"{phase}: warm-up at {levels[^1]} in flight (not measured)", duration: LevelProbeDuration))
        {
            await LoadRunner.ClosedLoopAsync(send, levels[^1], LevelProbeDuration, null, warm);
        }

        LevelProbe? fastest = null;
        foreach (var level in levels)
        {
            using var progress = new Progress($"{phase}: {level} in flight (probe)", duration: LevelProbeDuration);
            var log = await LoadRunner.ClosedLoopAsync(send, level, LevelProbeDuration, null, progress);
            var probe = new LevelProbe(phase, level, LevelProbeDuration.TotalSeconds, Summarise(phase, log, LevelProbeDuration, null).AckedPerSecond);
            levelProbes.Add(probe);
            if (fastest is null || probe.AckedPerSecond > fastest.AckedPerSecond)
            {
                fastest = probe;
            }
        }

        return fastest!.InFlight;
    }

    private CostMeter Meter(StatementStats? statements) => new(args.SiloPids, args.WebPids, args.PostgresPid, statements, siloCounters);

    /// <summary>Runs a phase and measures its CPU time per acknowledged webhook per process group, and its statements.</summary>
    private async Task<(PhaseResult, PhaseCost)> MeasuredAsync(Func<Task<PhaseResult>> phase, StatementStats? statements)
    {
        var meter = Meter(statements);
        await meter.StartAsync();
        var result = await phase();
        await meter.PauseAsync();
        return (result, await meter.CostAsync(result.Acknowledged));
    }

    /// <summary>
    /// Ingest saturation and the PostgreSQL reference in alternating slices, the reference first, so the two rates the
    /// ingest target compares see the same machine: on these shared cores its speed drifts by a quarter within minutes,
    /// and a ratio of two phases measured minutes apart carries that drift whole. Each ingest slice lasts until the
    /// services are quiet again (<see cref="SettleAsync"/>): the work its acknowledged webhooks left (their outbox
    /// effects) counts as ingest's, in its time and in its cost, and does not slow the reference slice after it. The
    /// cost meter runs only in the ingest slices.
    /// </summary>
    private async Task<(PhaseResult Ingest, PhaseCost Cost, PhaseResult Reference)> InterleavedAsync(
        WebhookSender sender, WebhookFactory factory, IReadOnlyList<BenchTenant> tenants, int ingestInFlight,
        PostgresCommitBound reference, int referenceInFlight, StatementStats? statements)
    {
        var slices = Math.Max(1, (int)Math.Round(args.PhaseDuration / InterleaveSlice));
        var slice = args.PhaseDuration / slices;
        var meter = Meter(statements);
        await meter.ResetStatementsAsync(); // the counting starts with the first ingest slice
        var ingest = new SlicedPhase("ingest saturation", (n, ct) => SendRenameAsync(sender, factory, tenants, n, 1, ct), ingestInFlight, slice, meter);
        var referenceLog = new RequestLog();
        var referenceTime = TimeSpan.Zero;
        for (var i = 1; i <= slices; i++)
        {
            using (var progress = new Progress($"bound (b): PostgreSQL commit, slice {i} of {slices}", duration: slice))
            {
                var log = await LoadRunner.ClosedLoopAsync(reference.CommitAsync, referenceInFlight, slice, null, progress);
                referenceTime += referenceLog.Append(log, referenceTime, slice);
            }

            await ingest.RunSliceAsync(i, slices, SettleAsync);
        }

        var (ingestResult, cost) = await ingest.ResultAsync();
        var referenceResult = Summarise("PostgreSQL one-row commit", referenceLog, referenceTime, null) with { InFlight = referenceInFlight, Slices = slices };
        return (ingestResult, cost, referenceResult);
    }

    /// <summary>
    /// After an uncapped ingest slice: the time until the silos and webs together use less than
    /// <see cref="QuietCores"/> over a <see cref="QuietWindow"/> (the quiet window itself not counted), at most
    /// <see cref="MaxSettle"/>.
    /// </summary>
    private async Task<TimeSpan> SettleAsync()
    {
        if (await CpuQuiet.UntilQuietAsync([.. args.SiloPids, .. args.WebPids], QuietWindow, MaxSettle, each => each.Sum() < QuietCores) is { } settled)
        {
            return settled;
        }

        notes.Add($"The services were still busy {MaxSettle.TotalSeconds:0} s after an ingest slice; that slice counts only that much of the work it left.");
        return MaxSettle;
    }

    private async Task<PhaseResult> SaturationAsync(WebhookSender sender, WebhookFactory factory, IReadOnlyList<BenchTenant> tenants, IReadOnlyList<int> cappedPids, int inFlight)
    {
        RequestLog log;
        using (var progress = new Progress("ingest saturation", duration: args.PhaseDuration))
        {
            log = await LoadRunner.ClosedLoopAsync(
                (i, ct) => SendRenameAsync(sender, factory, tenants, i, 1, ct),
                inFlight, args.PhaseDuration, null, progress);
        }

        return Summarise("ingest saturation", log, args.PhaseDuration + await DrainAsync(cappedPids), null) with { InFlight = inFlight };
    }

    /// <summary>
    /// Under a CPU cap, what an acknowledged webhook leaves to do (its outbox's effects: a new person's address work)
    /// queues behind the ingest the closed loop keeps offering and is done after the phase: counted in the phase, a
    /// webhook would cost the capped tier only part of its CPU, and the rate would be one no cap can sustain (how far
    /// the work falls behind varies from run to run). So a capped phase lasts until the capped processes have finished
    /// it: the time until each of them falls below <see cref="DrainedShareOfCap"/> of its cap (idle work stays above zero),
    /// polled every second, at most <see cref="MaxDrainSeconds"/>. Without a cap, nothing is added.
    /// </summary>
    private async Task<TimeSpan> DrainAsync(IReadOnlyList<int> cappedPids)
    {
        if (args.CpuQuota is not { } cores || cappedPids.Count == 0)
        {
            return TimeSpan.Zero;
        }

        using var progress = new Progress("drain the phase's work under the cap", duration: null);
        var max = TimeSpan.FromSeconds(args.Tiny ? 2 : MaxDrainSeconds);
        if (await CpuQuiet.UntilQuietAsync(cappedPids, TimeSpan.FromSeconds(1), max, each => each.DefaultIfEmpty(0).Max() < DrainedShareOfCap * cores) is { } drained)
        {
            return drained;
        }

        notes.Add($"The capped processes were still busy {max.TotalSeconds:0} s after the warm-up or a capped phase ended: a phase's rate then counts only that much of the work it left.");
        return max;
    }

    /// <summary>
    /// The same renames again, for the persons the saturation phase just activated (its first
    /// <paramref name="activated"/> requests, in the same order): a person's later webhooks, which need no activation,
    /// no directory registration and no address.
    /// </summary>
    private async Task<PhaseResult> ActivePersonsAsync(WebhookSender sender, WebhookFactory factory, IReadOnlyList<BenchTenant> tenants, int activated, IReadOnlyList<int> cappedPids)
    {
        var cycle = ActivatedCycle(tenants, activated);
        RequestLog log;
        using (var progress = new Progress("persons already active", duration: args.PhaseDuration))
        {
            log = await LoadRunner.ClosedLoopAsync(
                (i, ct) => SendRenameAsync(sender, factory, tenants, i % cycle, 1, ct),
                args.Concurrency, args.PhaseDuration, null, progress);
        }

        return Summarise("persons already active", log, args.PhaseDuration + await DrainAsync(cappedPids), null);
    }

    /// <summary>The requests of the first activations, <paramref name="activated"/> of them, that named distinct persons.</summary>
    private int ActivatedCycle(IReadOnlyList<BenchTenant> tenants, int activated) => Math.Max(1, Math.Min(activated, args.PersonsPerTenant * tenants.Count));

    /// <summary>
    /// A capped phase of a cluster running side by side with others (<see cref="TurnBaton"/>): <see cref="BenchArguments.Slices"/>
    /// closed-loop slices, each in this cluster's turn and followed by the drain of what it left (see
    /// <see cref="DrainAsync"/>), with the request indices going on from slice to slice. The rate is the acknowledged
    /// webhooks over the slices' time with their drains; the cost meter runs only in the slices.
    /// </summary>
    private async Task<(PhaseResult, PhaseCost)> InTurnsAsync(
        TurnBaton baton, string name, Func<long, CancellationToken, Task<int>> send, int inFlight, StatementStats? statements, IReadOnlyList<int> cappedPids)
    {
        var meter = Meter(statements);
        await meter.ResetStatementsAsync();
        var phase = new SlicedPhase(name, send, inFlight, args.PhaseDuration / args.Slices, meter);
        for (var i = 1; i <= args.Slices; i++)
        {
            using var turn = await baton.TakeAsync();
            await phase.RunSliceAsync(i, args.Slices, () => DrainAsync(cappedPids));
        }

        return await phase.ResultAsync();
    }

    private async Task<EndToEndResult> EndToEndAsync(SandboxClient sandbox, WebhookSender sender, WebhookFactory factory, IReadOnlyList<BenchTenant> tenants, double rate)
    {
        var maileonHead = await sandbox.JournalHeadAsync(ofMaileon: true);
        var (pdHead, usageBefore) = (await sandbox.JournalHeadAsync(ofMaileon: false), await sandbox.PipedriveUsageAsync());
        var sentAt = new ConcurrentDictionary<(long Company, long Person), DateTimeOffset>();
        var count = args.Mode == "full" ? args.Subscribes : Math.Max(1, args.Subscribes / 2);
        RequestLog log;
        using (var progress = new Progress("end-to-end subscribes", total: count))
        {
            log = await LoadRunner.OpenLoopAsync(
                async (i, ct) =>
                {
                    var tenant = Pick(tenants, i);
                    var person = SubscribePersonBase + i;
                    // The webhook names the emulator's person of that name and email (created for tenant i % Tenants),
                    // so the address has one person, as when a user subscribes someone; a webhook id of its own would
                    // be a second person with the address, whose field the app rightly writes too (two calls).
                    var id = i < createdPersons.Count ? createdPersons[(int)i] : person;
                    var at = DateTimeOffset.UtcNow;
                    var status = await sender.SendAsync(tenant, factory.PersonSubscribe(tenant, id, created: true, markedAs: person), ct);
                    if (status is >= 200 and < 300)
                    {
                        sentAt[(tenant.CompanyId, person)] = at;
                    }

                    return status;
                },
                Math.Min(rate, 50), TimeSpan.FromSeconds(count / Math.Min(rate, 50)), args.Concurrency * 4, progress);
        }

        var received = await AwaitMaileonAsync(sandbox, maileonHead, sentAt.Keys.ToHashSet(), "drain: Maileon calls");
        var latencies = new List<double>();
        foreach (var (key, at) in sentAt)
        {
            if (received.TryGetValue(key, out var arrival))
            {
                latencies.Add(Math.Max(0, (arrival - at).TotalMilliseconds));
            }
        }

        var (calls, tokens, source) = await PipedriveSpendAsync(sandbox, pdHead, usageBefore);
        var acked = log.Samples.Count(s => s.Acknowledged);
        return new EndToEndResult(log.Count, acked, latencies.Count, acked - latencies.Count, Percentiles.Summarise(latencies), calls, tokens, source);
    }

    private async Task<DealResult> DealsAsync(SandboxClient sandbox, WebhookSender sender, WebhookFactory factory, IReadOnlyList<BenchTenant> tenants)
    {
        var maileonHead = await sandbox.JournalHeadAsync(ofMaileon: true);
        var (pdHead, usageBefore) = (await sandbox.JournalHeadAsync(ofMaileon: false), await sandbox.PipedriveUsageAsync());
        RequestLog log;
        using (var progress = new Progress("deal events", total: args.DealEvents))
        {
            log = await LoadRunner.ClosedLoopAsync(
                (i, ct) =>
                {
                    var tenant = Pick(tenants, i);
                    // Person i % Subscribes was created for tenant (i % Subscribes) % Tenants = i % Tenants when
                    // Tenants divides Subscribes; otherwise fall back to the webhook id (then the app skips the event).
                    var index = (int)(i % Math.Max(1, args.Subscribes));
                    var person = index < createdPersons.Count && Pick(tenants, index) == tenant ? createdPersons[index] : SubscribePersonBase + index;
                    return sender.SendAsync(tenant, factory.Deal(tenant, DealBase + i, person, "create"), ct);
                },
                Math.Min(args.Concurrency, 8), null, args.DealEvents, progress);
        }

        var acked = log.Samples.Count(s => s.Acknowledged);
        var transactions = 0;
        var requests = 0;
        var deadline = DateTime.UtcNow + (acked > 0 ? args.DrainTimeout : TimeSpan.FromSeconds(2));
        using (var progress = new Progress("drain: Maileon transactions", total: acked))
        {
            while (DateTime.UtcNow < deadline)
            {
                // The app sends deal events in batches (one POST /transactions carries many), so count the
                // transactions the emulator stored for this phase's deals, not the requests.
                var stored = await sandbox.DealTransactionsAsync(DealBase, DealBase + args.DealEvents);
                var seen = stored ?? 0;
                progress.Advance(seen - transactions);
                transactions = seen;
                if (transactions >= acked || stored is null)
                {
                    break;
                }

                await Task.Delay(500);
            }

            var entries = await sandbox.JournalAsync(true, maileonHead) ?? [];
            requests = entries.Count(e => e.Method == "POST" && e.Path.EndsWith("/transactions", StringComparison.Ordinal) && e.Status is >= 200 and < 300);
        }

        var (calls, tokens, source) = await PipedriveSpendAsync(sandbox, pdHead, usageBefore);
        return new DealResult(log.Count, acked, transactions, requests, calls, tokens, source);
    }

    private async Task<MemoryResult> MemoryAsync(WebhookSender sender, WebhookFactory factory, IReadOnlyList<BenchTenant> tenants)
    {
        var before = await ManagedHeap.SnapshotAsync(args.SiloPids);
        RequestLog log;
        using (var progress = new Progress("activate contact grains", total: args.Activations))
        {
            log = await LoadRunner.ClosedLoopAsync(
                (i, ct) =>
                {
                    var tenant = Pick(tenants, i);
                    return sender.SendAsync(tenant, factory.PersonRename(tenant, ActivationPersonBase + i), ct);
                },
                args.Concurrency, null, args.Activations, progress);
        }

        // Let the silo settle (outstanding writes) before the forced collection and the reading.
        await Task.Delay(TimeSpan.FromSeconds(args.Tiny ? 1 : 3));
        var after = await ManagedHeap.SnapshotAsync(args.SiloPids);
        var acked = log.Samples.Count(s => s.Acknowledged);
        return new MemoryResult(args.Activations, acked, before.RssBytes, after.RssBytes, Per(before.RssBytes, after.RssBytes, acked),
            before.HeapBytes, after.HeapBytes, Per(before.HeapBytes, after.HeapBytes, acked));
    }

    private static long? Per(long? before, long? after, int count) => before is { } b && after is { } a && count > 0 ? (a - b) / count : null;

    /// <summary>
    /// Installs <see cref="BenchArguments.IdleTenants"/> more tenants through the sandbox install flow (8 at a time) in
    /// two halves, lets them sit idle, and measures what they hold in the silo(s): RSS and managed heap, each after
    /// forced full GCs, before, between the halves and after. The second half's growth is the marginal cost of a
    /// tenant, free of one-time costs the first installs pay (code compiled to its faster tier, pools and threads grown).
    /// </summary>
    private async Task<IdleTenantsResult> IdleTenantsAsync(SandboxClient sandbox)
    {
        const int IndexBase = 100_000;
        var before = await ManagedHeap.SnapshotAsync(args.SiloPids);
        var clock = Stopwatch.StartNew();
        var provisioner = new TenantProvisioner(sandbox, args.WebUrls[0], args.Seed);
        var installed = 0;
        string? failure = null;
        var half = args.IdleTenants / 2;
        MemorySnapshot? middle = null;
        var installedFirstHalf = 0;
        using (var progress = new Progress("install idle tenants", total: args.IdleTenants))
        {
            foreach (var (from, count) in new[] { (IndexBase, half), (IndexBase + half, args.IdleTenants - half) })
            {
                await Parallel.ForEachAsync(Enumerable.Range(from, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (index, _) =>
                {
                    var (tenant, reason) = failure is null ? await provisioner.InstallAsync(index) : (null, null);
                    if (tenant is not null)
                    {
                        Interlocked.Increment(ref installed);
                    }
                    else if (reason is not null)
                    {
                        failure ??= reason;
                    }

                    progress.Advance();
                });
                if (middle is null)
                {
                    await Task.Delay(TimeSpan.FromSeconds(args.Tiny ? 1 : 5));
                    middle = await ManagedHeap.SnapshotAsync(args.SiloPids);
                    installedFirstHalf = installed;
                }
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        // Installing queues work (webhook registration, Maileon setup); let it finish before the idle reading.
        await Task.Delay(TimeSpan.FromSeconds(args.Tiny ? 1 : 5));
        var after = await ManagedHeap.SnapshotAsync(args.SiloPids);
        MemorySnapshot? idle = null;
        if (args.TenantIdleWait > TimeSpan.Zero && installed > 0)
        {
            using (new Progress("idle tenants' grains collected", duration: args.TenantIdleWait))
            {
                await Task.Delay(args.TenantIdleWait);
            }

            idle = await ManagedHeap.SnapshotAsync(args.SiloPids);
        }

        return new IdleTenantsResult(args.IdleTenants, installed, failure, seconds, before, after, middle, installedFirstHalf, idle, args.TenantIdleWait.TotalSeconds);
    }

    /// <summary>Waits until every marked person has a Maileon request (or the drain time ends); first arrival per person.</summary>
    private async Task<Dictionary<(long, long), DateTimeOffset>> AwaitMaileonAsync(SandboxClient sandbox, long after, HashSet<(long, long)> wanted, string phase)
    {
        var first = new Dictionary<(long, long), DateTimeOffset>();
        var deadline = DateTime.UtcNow + (wanted.Count > 0 ? args.DrainTimeout : TimeSpan.Zero);
        var marker = new Regex(WebhookFactory.MarkerPattern, RegexOptions.CultureInvariant);
        using var progress = new Progress(phase, total: wanted.Count);
        while (wanted.Count > 0)
        {
            var entries = await sandbox.JournalAsync(true, after);
            if (entries is null)
            {
                notes.Add("The Maileon emulator's request journal could not be read: end-to-end latency not measured.");
                break;
            }

            foreach (var entry in entries)
            {
                after = Math.Max(after, entry.Sequence);
                foreach (Match match in marker.Matches(WebUtility.UrlDecode(entry.Path) + " " + entry.Body))
                {
                    if (match.Groups[1].Value != args.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    {
                        continue;
                    }

                    var key = (long.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
                        long.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture));
                    if (wanted.Remove(key))
                    {
                        first[key] = entry.ReceivedAt;
                        progress.Advance();
                    }
                }
            }

            if (wanted.Count == 0 || DateTime.UtcNow >= deadline)
            {
                break;
            }

            await Task.Delay(250);
        }

        return first;
    }

    /// <summary>Pipedrive API calls (and tokens) since the marks: usage counters when the emulator has them, else its request journal.</summary>
    private static async Task<(long? Calls, long? Tokens, string Source)> PipedriveSpendAsync(
        SandboxClient sandbox, long journalMark, IReadOnlyDictionary<long, (long Calls, long Tokens)>? usageBefore)
    {
        var usageAfter = await sandbox.PipedriveUsageAsync();
        if (usageBefore is not null && usageAfter is not null)
        {
            long calls = 0, tokens = 0;
            foreach (var (company, now) in usageAfter)
            {
                var then = usageBefore.GetValueOrDefault(company);
                calls += now.Calls - then.Calls;
                tokens += now.Tokens - then.Tokens;
            }

            return (calls, tokens, "usage counters");
        }

        var entries = await sandbox.JournalAsync(false, journalMark);
        if (entries is null)
        {
            return (null, null, "n/a");
        }

        var apiCalls = entries.LongCount(e => e.Path.StartsWith("/api/", StringComparison.Ordinal) || e.Path.StartsWith("/v1/", StringComparison.Ordinal));
        return (apiCalls, null, "request journal (no token costs)");
    }

    public static async Task WriteFragmentAsync(TopologyResult result, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(result, ReportJson.Options));
    }
}
