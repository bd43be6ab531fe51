namespace PipedriveMaileon.LoadGenerator.Cli;

/// <summary>What one invocation of the load generator does. <c>run</c> measures one topology into a fragment file;
/// <c>render</c> turns fragments into the report.</summary>
public sealed record BenchArguments
{
    public string Command { get; init; } = "run";

    /// <summary>Web front ends the webhooks are spread over (round robin).</summary>
    public IReadOnlyList<Uri> WebUrls { get; init; } = [];

    public Uri? PipedriveSandbox { get; init; }

    public Uri? MaileonSandbox { get; init; }

    /// <summary>Server the reference bound (b) commits to; the bench creates and drops its own table.</summary>
    public string? Postgres { get; init; }

    public IReadOnlyList<int> SiloPids { get; init; } = [];

    /// <summary>Each silo's Prometheus listener (its metrics URL), for the requests silos send each other and their GC pauses.</summary>
    public IReadOnlyList<Uri> SiloMetrics { get; init; } = [];

    /// <summary>Web node processes, for CPU time per webhook.</summary>
    public IReadOnlyList<int> WebPids { get; init; } = [];

    /// <summary>The postmaster of the bench's PostgreSQL: it and its children are counted for CPU time per webhook.</summary>
    public int? PostgresPid { get; init; }

    /// <summary>
    /// Closed-loop load for distinct persons before the saturation phase, not measured: JIT tiering, connection pools
    /// and Orleans' caches warm up, so saturation measures a running service rather than its first seconds.
    /// </summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>full: every measurement; scaleout: saturation and loss check only.</summary>
    public string Mode { get; init; } = "full";

    public int Silos { get; init; } = 1;

    public bool Tiny { get; init; }

    public int Seed { get; init; } = 1;

    public int Tenants { get; init; } = 20;

    /// <summary>
    /// 100 per tenant, 2,000 in all: the mix every earlier report measured (their "2,000 per tenant" reached only 100 of
    /// each tenant's persons), so a saturation phase sends each person dozens of webhooks. The scale-out series asks
    /// for more, so its first phase activates a new person with every webhook.
    /// </summary>
    public int PersonsPerTenant { get; init; } = 100;

    public TimeSpan PhaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public int Concurrency { get; init; } = 32;

    /// <summary>
    /// Most requests in flight that the full run's rate phases (bare Kestrel, PostgreSQL commit, ingest saturation)
    /// probe, doubling from <see cref="Concurrency"/>; null: 4 × Concurrency in a full run that is not tiny, else none.
    /// </summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>
    /// The in-flight levels each rate phase probes before it is measured at the fastest (lowest first; one level: no
    /// probe). A rate is a saturation rate only at the load that saturates it, and that load differs from run to run
    /// and between the phases: ingest passes four processes (load generator, web, silo, PostgreSQL), each needing
    /// requests queued to stay busy, while one row per commit needs fewer. Check runs had ingest still rising at 128
    /// (11,584/s, then 13,094/s at 256), so a full run probes up to 8 x the concurrency.
    /// </summary>
    public IReadOnlyList<int> SaturationLevels
    {
        get
        {
            var top = MaxConcurrency ?? (Mode == "full" && !Tiny ? 8 * Concurrency : Concurrency);
            var levels = new List<int>();
            for (var level = Concurrency; level <= top; level *= 2)
            {
                levels.Add(level);
            }

            return levels.Count == 0 ? [Concurrency] : levels;
        }
    }

    /// <summary>Contact grains activated for the memory measurement.</summary>
    public int Activations { get; init; } = 100_000;

    /// <summary>Subscribe webhooks whose Maileon call is awaited (end-to-end latency, API economy).</summary>
    public int Subscribes { get; init; } = 500;

    public int DealEvents { get; init; } = 300;

    /// <summary>Longest wait for outstanding Maileon calls after the last webhook.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public string? Fragment { get; init; }

    public IReadOnlyList<string> Fragments { get; init; } = [];

    public string OutDirectory { get; init; } = "bench/results";

    public string? Notes { get; init; }

    /// <summary>Persons of the lived-in account whose first sync is measured (full mode); 0 skips it.</summary>
    public int FirstSyncPersons { get; init; } = 5_000;

    /// <summary>Installed tenants whose idle cost (silo memory after a forced full GC) is measured; 0 skips it.</summary>
    public int IdleTenants { get; init; } = 1000;

    /// <summary>
    /// How long the installed idle tenants are left alone before the last reading, so their grains are collected
    /// (2 idle minutes and up to a 1-minute collection round, with a margin); zero skips that reading.
    /// </summary>
    public TimeSpan TenantIdleWait { get; init; } = TimeSpan.FromSeconds(210);

    /// <summary>CPU per constrained process (cores) during saturation, through cgroup v1 cpu quotas; null: none.</summary>
    public double? CpuQuota { get; init; }

    /// <summary>Which processes the quota constrains: <c>silos</c> or <c>webs</c>.</summary>
    public string QuotaOn { get; init; } = "silos";

    /// <summary>
    /// The file through which the load generators of clusters running side by side take turns (see <see cref="Load.TurnBaton"/>);
    /// null: this cluster runs alone and its phases are measured whole.
    /// </summary>
    public string? TurnsFile { get; init; }

    /// <summary>This generator's place among those taking turns (0-based) and how many there are.</summary>
    public (int Member, int Members) Turn { get; init; } = (0, 1);

    /// <summary>Slices each capped phase is measured in, each in this cluster's turn, when taking turns.</summary>
    public int Slices { get; init; } = 6;

    /// <summary>Parses a command line (see <see cref="BenchCommandLine"/>); throws <see cref="ArgumentException"/> with every error.</summary>
    public static BenchArguments Parse(IReadOnlyList<string> args) => BenchCommandLine.Parse(args);

    /// <summary>What <c>--tiny</c> changes: every count and duration not given explicitly.</summary>
    internal BenchArguments Shrunk() => this with
    {
        Tiny = true, Tenants = 2, PersonsPerTenant = 200, PhaseDuration = TimeSpan.FromSeconds(2), Concurrency = 8, Warmup = TimeSpan.FromSeconds(1),
        Activations = 300, Subscribes = 20, DealEvents = 10, DrainTimeout = TimeSpan.FromSeconds(10), IdleTenants = 10, TenantIdleWait = TimeSpan.Zero,
        FirstSyncPersons = 200,
    };
}
