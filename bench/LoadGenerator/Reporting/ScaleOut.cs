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

    /// <param name="activePersons">The phase of persons already active instead of the saturation phase (first activations).</param>
    public static IReadOnlyList<ScalePoint> Series(IReadOnlyList<TopologyResult> results, string on, bool activePersons = false)
    {
        var capped = results
            .Where(r => r.Quota is { Applied: true } q && q.On == on)
            .Select(r => (Result: r, Processes: on == "webs" ? r.WebNodes : r.Silos,
                Phase: activePersons ? r.ActivePersons : r.Saturation, Cost: activePersons ? r.ActivePersonsCost : r.SaturationCost))
            .Where(x => x.Phase is not null)
            .OrderBy(x => x.Processes)
            .ToList();
        var single = capped.FirstOrDefault(x => x.Processes == 1).Phase?.AckedPerSecond;
        return capped.Select(x => Point(x.Result, x.Phase!, x.Cost, on, x.Processes, single)).ToList();
    }

    private static ScalePoint Point(TopologyResult r, PhaseResult phase, PhaseCost? cost, string on, int processes, double? single)
    {
        var rate = phase.AckedPerSecond;
        double? Cores(double? msPerWebhook) => msPerWebhook is { } ms ? ms * rate / 1000 : null;
        var (silo, web, pg) = (Cores(cost?.SiloCpuMs), Cores(cost?.WebCpuMs), Cores(cost?.PostgresCpuMs));
        var cappedCores = on == "webs" ? web : silo;
        var cap = r.Quota!.Cores * processes;
        var machine = cost?.MachineBusyCores;
        var capBound = cappedCores is { } used && used >= SaturatedShare * cap;
        var machineBound = machine is { } busy && busy >= SaturatedShare * r.ProcessorCount;
        var share = cappedCores is { } c ? (c / cap).ToString("P0", System.Globalization.CultureInfo.InvariantCulture) : "n/a";
        var bound = (capBound, machineBound) switch
        {
            (true, true) => $"the capped {on} ({share} of their cap) and the machine's {r.ProcessorCount} cores ({machine:0.00} busy) at once: the other tiers and other work on the machine compete with the capped {on}, so this is no clean capacity figure",
            (true, false) => $"the capped {on} ({share} of their cap)",
            (false, true) => $"the machine's {r.ProcessorCount} cores ({machine:0.00} busy; capped {on} at {share} of their cap)",
            _ => $"neither the cap nor the cores (capped {on} at {share} of their cap): latency, concurrency or a lock",
        };
        return new ScalePoint(on, processes, r.Quota.Cores, r, phase, rate, single is > 0 ? rate / (processes * single.Value) : null,
            cappedCores, silo, web, pg, machine, bound);
    }
}
