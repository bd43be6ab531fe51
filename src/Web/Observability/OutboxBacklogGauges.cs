using System.Diagnostics.Metrics;
using PipedriveMaileon.Database.Outbox;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Interfaces.Observability;

namespace PipedriveMaileon.Web.Observability;

/// <summary>
/// <c>pm.outbox.depth</c> (grains with outbox work) and <c>pm.outbox.oldest_overdue_age</c> (seconds the oldest
/// due work is late), per tenant label, from the PostgreSQL backlog query. Reported by the web only (the silos
/// would each report the same cluster-wide numbers); with several web replicas, aggregate with <c>max</c>, or turn
/// them off on all but one with <c>Telemetry:BacklogGauges=false</c>.
/// The query runs when a scrape finds the snapshot older than <see cref="MaxAge"/>, in the background: a scrape
/// never waits for PostgreSQL, and nothing is queried while nobody scrapes. A scrape thus reads the snapshot
/// taken at (or up to <see cref="MaxAge"/> before) the previous scrape.
/// </summary>
public sealed partial class OutboxBacklogGauges
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(15);

    private readonly OutboxBacklogRepository backlog;
    private readonly TenantLabels tenants;
    private readonly TimeProvider time;
    private readonly ILogger<OutboxBacklogGauges> logger;
    private readonly string serviceId;
    private readonly Lock sync = new();
    private IReadOnlyList<TenantBacklog> snapshot = [];
    private DateTimeOffset snapshotAt = DateTimeOffset.MinValue;
    private Task refreshing = Task.CompletedTask;

    public OutboxBacklogGauges(IMeterFactory meters, OutboxBacklogRepository backlog, TenantLabels tenants, TimeProvider time, IConfiguration configuration, ILogger<OutboxBacklogGauges> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(configuration);
        this.backlog = backlog;
        this.tenants = tenants;
        this.time = time;
        this.logger = logger;
        serviceId = configuration[ClusterIdentity.ServiceIdKey] ?? ClusterIdentity.DefaultServiceId;
        var meter = meters.Create(TelemetryNames.OutboxMeter);
        meter.CreateObservableGauge("pm.outbox.depth", ObserveDepth, "{grain}", "Grains with outbox work waiting or being retried (parked work not included).");
        meter.CreateObservableGauge("pm.outbox.oldest_overdue_age", ObserveAge, "s", "How late the oldest due outbox work is (0 when nothing is overdue).");
    }

    private IEnumerable<Measurement<long>> ObserveDepth() =>
        Aggregate(Current()).Select(t => new Measurement<long>(t.Depth, Tags(t.Label)));

    private IEnumerable<Measurement<double>> ObserveAge()
    {
        var now = time.GetUtcNow();
        return Aggregate(Current()).Select(t => new Measurement<double>(Math.Max(0, (now - t.OldestDueAt).TotalSeconds), Tags(t.Label)));
    }

    private static KeyValuePair<string, object?>[] Tags(string? label) =>
        label is null ? [] : [new(TelemetryNames.TenantTag, label)];

    /// <summary>Per tenant label (tenants past the cap summed into one), or one total when labels are off.</summary>
    internal IEnumerable<(string? Label, long Depth, DateTimeOffset OldestDueAt)> Aggregate(IReadOnlyList<TenantBacklog> rows)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        return rows
            .GroupBy(r => tenants.Enabled ? tenants.For(r.CompanyId) : null)
            .Select(g => (g.Key, g.Sum(r => r.GrainsWithWork), g.Min(r => r.OldestDueAt)));
    }

    private IReadOnlyList<TenantBacklog> Current()
    {
        lock (sync)
        {
            if (time.GetUtcNow() - snapshotAt >= MaxAge && refreshing.IsCompleted)
            {
                snapshotAt = time.GetUtcNow();
                refreshing = Task.Run(RefreshAsync);
            }

            return snapshot;
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var rows = await backlog.BacklogByTenantAsync(serviceId, timeout.Token);
            lock (sync)
            {
                snapshot = rows;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Keep the last snapshot; the next scrape after MaxAge tries again.
            LogRefreshFailed(ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox backlog gauges not refreshed ({Reason}); the previous values stay")]
    private partial void LogRefreshFailed(string reason);
}
