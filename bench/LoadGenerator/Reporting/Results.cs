using PipedriveMaileon.LoadGenerator.Measurement;

namespace PipedriveMaileon.LoadGenerator.Reporting;

/// <summary>Everything measured against one topology (silos × web nodes); one fragment file per topology.</summary>
public sealed record TopologyResult
{
    public required string Topology { get; init; }
    public required int Silos { get; init; }
    public required int WebNodes { get; init; }
    public required string Mode { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required int Seed { get; init; }
    public required bool Tiny { get; init; }
    public required int Concurrency { get; init; }
    public required double PhaseSeconds { get; init; }
    public int ProcessorCount { get; init; } = Environment.ProcessorCount;
    public SetupResult? Setup { get; init; }
    /// <summary>The rate phases' short probes of in-flight levels (empty when only one level was asked).</summary>
    public List<LevelProbe> LevelProbes { get; init; } = [];
    public PhaseResult? BareKestrel { get; init; }
    public PhaseResult? PostgresCommit { get; init; }
    public double WarmupSeconds { get; init; }
    public PhaseResult? Saturation { get; init; }

    /// <summary>What the saturation phase cost per acknowledged webhook (CPU time, database statements).</summary>
    public PhaseCost? SaturationCost { get; init; }

    /// <summary>Scale-out runs: the saturation phase's persons sent the same renames again, now active (no activation).</summary>
    public PhaseResult? ActivePersons { get; init; }

    public PhaseCost? ActivePersonsCost { get; init; }

    /// <summary>The same at 50% of saturation: cores are not oversubscribed, so CPU per webhook inflates less.</summary>
    public PhaseCost? HalfRateCost { get; init; }
    public PhaseResult? HalfRate { get; init; }
    public EndToEndResult? EndToEnd { get; init; }

    public EngagementResult? Engagement { get; init; }

    /// <summary>The first sync of a lived-in account (full mode only).</summary>
    public FirstSyncResult? FirstSync { get; init; }
    public DealResult? Deals { get; init; }
    public MemoryResult? Memory { get; init; }

    /// <summary>Silo memory of idle installed tenants (after forced full GCs).</summary>
    public IdleTenantsResult? IdleTenants { get; init; }

    /// <summary>The CPU cap the saturation phase ran under (scale-out under quotas); null: none asked.</summary>
    public QuotaResult? Quota { get; init; }

    /// <summary>Stored grain state after the ingest phases (bytes of the contact rows' payloads).</summary>
    public StateSizeResult? StateSize { get; init; }
    public List<string> Notes { get; init; } = [];
}

public sealed record SetupResult(int Requested, int Installed, string? Failure, double Seconds, long? RssGrowthBytes, long? BytesPerTenant, int PersonsCreated, string? PersonFailure);

/// <summary>One load phase: what was sent, what was acknowledged (2xx), rates and latency of the acknowledged requests.</summary>
public sealed record PhaseResult(
    string Name,
    int Sent,
    int Acknowledged,
    Dictionary<string, int> Statuses,
    double Seconds,
    double AckedPerSecond,
    double AnsweredPerSecond,
    double? OfferedRate,
    LatencySummary Latency,
    LatencySummary AnsweredLatency,
    IReadOnlyList<int> AckedTimeline,
    IReadOnlyList<HistogramBucket> Histogram)
{
    /// <summary>Requests in flight of a closed-loop phase; null for open loop.</summary>
    public int? InFlight { get; init; }

    /// <summary>Slices the phase was measured in, alternating with another phase (ingest and its reference) or with other clusters (taking turns); null when run whole.</summary>
    public int? Slices { get; init; }

    /// <summary>Of <see cref="Seconds"/>, the time after the load of each slice until the services were quiet again.</summary>
    public double? SettleSeconds { get; init; }
}

/// <summary>Subscribe webhooks and their Maileon calls: lost = acknowledged but no Maileon call within the drain time.</summary>
public sealed record EndToEndResult(
    int Sent,
    int Acknowledged,
    int Matched,
    int Lost,
    LatencySummary Latency,
    long? PipedriveCalls,
    long? PipedriveTokens,
    string CounterSource);

/// <summary>
/// Per acknowledged webhook: CPU milliseconds of each process group (null when not measured), and from
/// pg_stat_statements the statements, their execution time and the WAL they wrote; from the silos' own counters the
/// requests one silo sent another, the grain directory's part of them, and the silos' GC pause time.
/// </summary>
public sealed record PhaseCost(
    int Acknowledged,
    double? SiloCpuMs,
    double? WebCpuMs,
    double? PostgresCpuMs,
    double GeneratorCpuMs,
    double? Statements,
    double? StatementMs,
    double? WalBytes,
    IReadOnlyList<StatementRow> TopStatements,
    double? WalLsnBytes = null,
    double? MachineBusyCores = null,
    double? SiloRemoteRequests = null,
    double? DirectoryRequests = null,
    double? SiloGcPauseMs = null);

/// <summary>Deal events: transactions stored by the Maileon emulator for the bench's deals (events are sent in batches, so not requests).</summary>
public sealed record DealResult(int Sent, int Acknowledged, int MaileonTransactionsSeen, int MaileonRequests, long? PipedriveCalls, long? PipedriveTokens, string CounterSource);

public sealed record MemoryResult(int Activations, int Acknowledged, long? RssBefore, long? RssAfter, long? BytesPerGrain,
    long? HeapBefore = null, long? HeapAfter = null, long? HeapBytesPerGrain = null);

/// <summary>
/// Installed tenants left idle: silo RSS and managed heap before, after the first half (<see cref="Middle"/>), after
/// all, and after <see cref="IdleSeconds"/> more of nothing to do (<see cref="Idle"/>: their grains collected), each
/// after forced full GCs. Per tenant: over all of them, marginal (the second half only), and once idle.
/// </summary>
public sealed record IdleTenantsResult(int Requested, int Installed, string? Failure, double Seconds, MemorySnapshot Before, MemorySnapshot After,
    MemorySnapshot? Middle = null, int InstalledFirstHalf = 0, MemorySnapshot? Idle = null, double IdleSeconds = 0)
{
    public long? IdleRssPerTenant => Per(Before.RssBytes, Idle?.RssBytes, Installed);

    public long? IdleHeapPerTenant => Per(Before.HeapBytes, Idle?.HeapBytes, Installed);

    public long? RssPerTenant => Per(Before.RssBytes, After.RssBytes, Installed);

    public long? HeapPerTenant => Per(Before.HeapBytes, After.HeapBytes, Installed);

    public long? MarginalRssPerTenant => Per(Middle?.RssBytes, After.RssBytes, Installed - InstalledFirstHalf);

    public long? MarginalHeapPerTenant => Per(Middle?.HeapBytes, After.HeapBytes, Installed - InstalledFirstHalf);

    private static long? Per(long? before, long? after, int count) => count > 0 && before is { } b && after is { } a ? (a - b) / count : null;
}

/// <summary>The cap: cores per process, on silos or webs; whether it was applied and how often it bit.</summary>
public sealed record QuotaResult(string On, double Cores, int Processes, bool Applied, string? Failure, long ThrottledPeriods, int PeriodMicros);

/// <summary>Contact rows in OrleansStorage: how many and their average payload (state) size.</summary>
public sealed record StateSizeResult(long Rows, double AveragePayloadBytes);
