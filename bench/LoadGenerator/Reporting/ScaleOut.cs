namespace PipedriveMaileon.LoadGenerator.Reporting;

/// <summary>Reads the scale-out series (topologies run with a CPU cap on silos or on web nodes) out of the results.</summary>
public static class ScaleOut
{
    /// <summary>A capped tier using this share of its cap is what bounds the throughput.</summary>
    public const double SaturatedShare = 0.9;

    /// <summary>Every capped series of a run: silos, then web nodes, each for first activations and then for active persons.</summary>
    public static IReadOnlyList<ScaleSeries> All(IReadOnlyList<TopologyResult> results) =>
        [.. from tier in new[] { "silos", "webs" }
            from active in new[] { false, true }
            let points = Series(results, tier, active)
            where points.Count > 0
            select new ScaleSeries(tier, active, points)];

    /// <summary>One point per number of capped processes; the runs of a topology measured more than once are averaged.</summary>
    /// <param name="activePersons">The phase of persons already active instead of the saturation phase (first activations).</param>
    public static IReadOnlyList<ScalePoint> Series(IReadOnlyList<TopologyResult> results, string on, bool activePersons = false)
    {
        var runs = results
            .Where(r => r.Quota is { Applied: true } q && q.On == on)
            .Select(r => new Run(r, on == "webs" ? r.WebNodes : r.Silos,
                activePersons ? r.ActivePersons : r.Saturation, activePersons ? r.ActivePersonsCost : r.SaturationCost))
            .Where(x => x.Phase is not null)
            .OrderBy(x => x.Result.StartedAt)
            .GroupBy(x => x.Processes)
            .OrderBy(g => g.Key)
            .ToList();
        var single = runs.FirstOrDefault(g => g.Key == 1)?.Average(x => x.Phase!.AckedPerSecond);
        return [.. runs.Select(g => Point([.. g], on, g.Key, single))];
    }

    private static ScalePoint Point(IReadOnlyList<Run> runs, string on, int processes, double? single)
    {
        var first = runs[0].Result;
        var rate = runs.Average(x => x.Phase!.AckedPerSecond);
        double? Mean(Func<Run, double?> of) => runs.All(x => of(x) is not null) ? runs.Average(x => of(x)!.Value) : null;
        double? Cores(Run x, Func<PhaseCost, double?> msPerWebhook) => x.Cost is { } c && msPerWebhook(c) is { } ms ? ms * x.Phase!.AckedPerSecond / 1000 : null;
        var (silo, web, pg) = (Mean(x => Cores(x, c => c.SiloCpuMs)), Mean(x => Cores(x, c => c.WebCpuMs)), Mean(x => Cores(x, c => c.PostgresCpuMs)));
        var cappedCores = on == "webs" ? web : silo;
        var cap = first.Quota!.Cores * processes;
        var machine = Mean(x => x.Cost?.MachineBusyCores);
        var capBound = cappedCores is { } used && used >= SaturatedShare * cap;
        var machineBound = machine is { } busy && busy >= SaturatedShare * first.ProcessorCount;
        var share = cappedCores is { } c ? (c / cap).ToString("P0", System.Globalization.CultureInfo.InvariantCulture) : "n/a";
        var bound = (capBound, machineBound) switch
        {
            (true, true) => $"the capped {on} ({share} of their cap) and the machine's {first.ProcessorCount} cores ({machine:0.00} busy) at once: the other tiers and other work on the machine compete with the capped {on}, so this is no clean capacity figure",
            (true, false) => $"the capped {on} ({share} of their cap)",
            (false, true) => $"the machine's {first.ProcessorCount} cores ({machine:0.00} busy; capped {on} at {share} of their cap)",
            _ => $"neither the cap nor the cores (capped {on} at {share} of their cap): latency, concurrency or a lock",
        };
        var lost = runs.All(x => x.Result.EndToEnd is not null) ? runs.Sum(x => (long)x.Result.EndToEnd!.Lost) : (long?)null;
        return new ScalePoint(on, processes, first.Quota.Cores, first, [.. runs.Select(x => new ScaleRun(x.Result.StartedAt, x.Phase!.AckedPerSecond))],
            single is > 0 ? rate / (processes * single.Value) : null, runs.Max(x => x.Phase!.Latency.P99), lost,
            runs.Sum(x => x.Result.Quota!.ThrottledPeriods), cappedCores, silo, web, pg, machine, bound)
        {
            RemoteRequests = Mean(x => x.Cost?.SiloRemoteRequests),
            DirectoryRequests = Mean(x => x.Cost?.DirectoryRequests),
            GcPauseMs = Mean(x => x.Cost?.SiloGcPauseMs),
        };
    }

    private sealed record Run(TopologyResult Result, int Processes, PhaseResult? Phase, PhaseCost? Cost);
}
