namespace PipedriveMaileon.LoadGenerator.Reporting;

/// <summary>Reads the scale-out series (topologies run with a CPU cap on silos or on web nodes) out of the results.</summary>
public static class ScaleOut
{
    /// <summary>A capped tier using this share of its cap is what bounds the throughput.</summary>
    public const double SaturatedShare = 0.9;

    /// <param name="activePersons">The phase of persons already active instead of the saturation phase (first activations).</param>
    public static IReadOnlyList<ScalePoint> Series(IReadOnlyList<TopologyResult> results, string on, bool activePersons = false)
    {
        (PhaseResult? Phase, PhaseCost? Cost) Of(TopologyResult r) => activePersons ? (r.ActivePersons, r.ActivePersonsCost) : (r.Saturation, r.SaturationCost);
        var capped = results
            .Where(r => r.Quota is { Applied: true } q && q.On == on && Of(r).Phase is not null)
            .Select(r => (Result: r, Processes: on == "webs" ? r.WebNodes : r.Silos))
            .OrderBy(x => x.Processes)
            .ToList();
        var single = capped.FirstOrDefault(x => x.Processes == 1).Result is { } one ? Of(one).Phase?.AckedPerSecond : null;
        return capped.Select(x => Point(x.Result, Of(x.Result).Phase!, Of(x.Result).Cost, on, x.Processes, single)).ToList();
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
