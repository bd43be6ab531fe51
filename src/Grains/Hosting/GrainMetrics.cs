using System.Diagnostics;
using System.Diagnostics.Metrics;
using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces.Observability;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Hosting;

/// <summary>
/// The silo's own instruments, one meter per area: outbox effects (<c>pm.outbox.effects</c>,
/// <c>pm.outbox.effect.duration</c>), consent transitions (<c>pm.contacts.transitions</c>) and deal webhooks
/// (<c>pm.deals.events</c>). No tenant label: grain type × work kind × outcome already makes ~100 series, and the
/// per-tenant view of the same work is the backlog (web gauges, operator page). Tag values are enum names and
/// constants, so recording allocates nothing.
/// </summary>
public sealed class GrainMetrics
{
    /// <summary>Spans of outbox effects; outbound HTTP spans nest under them.</summary>
    public static readonly ActivitySource OutboxActivities = new(TelemetryNames.OutboxActivitySource);

    private static readonly string[] Dispositions = ["done", "retry", "parked", "waiting"];

    private readonly Counter<long> effects;
    private readonly Histogram<double> effectDuration;
    private readonly Counter<long> transitions;
    private readonly Counter<long> dealEvents;

    public GrainMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var outbox = meters.Create(TelemetryNames.OutboxMeter);
        effects = outbox.CreateCounter<long>("pm.outbox.effects", "{effect}", "Outbox effects attempted, by grain type, work kind and outcome (done, retry, parked, waiting for credentials).");
        effectDuration = outbox.CreateHistogram("pm.outbox.effect.duration", "s", "Time one outbox effect took (the outbound calls it made).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = TelemetryNames.LatencyBuckets });
        transitions = meters.Create(TelemetryNames.ContactsMeter)
            .CreateCounter<long>("pm.contacts.transitions", "{transition}", "Subscription status changes, by from and to status (stored ones only).");
        dealEvents = meters.Create(TelemetryNames.DealsMeter)
            .CreateCounter<long>("pm.deals.events", "{event}", "Deal webhooks reaching their deal grain, by kind (added, updated, deleted) and outcome.");
    }

    public static string DispositionLabel(OutboxDisposition disposition) => Dispositions[(int)disposition];

    public void EffectRecorded(string grainType, string workKind, OutboxDisposition disposition, TimeSpan elapsed)
    {
        var type = new KeyValuePair<string, object?>("grain_type", grainType);
        var kind = new KeyValuePair<string, object?>("work_kind", workKind);
        var outcome = new KeyValuePair<string, object?>("outcome", Dispositions[(int)disposition]);
        effects.Add(1, type, kind, outcome);
        effectDuration.Record(elapsed.TotalSeconds, type, kind, outcome);
    }

    /// <summary>Counts the status changes among consent-ledger entries that were just stored.</summary>
    public void LedgerStored(IReadOnlyList<ConsentLedgerRecord> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        foreach (var record in stored.Where(r => r.FromStatus != r.ToStatus))
        {
            transitions.Add(1, new KeyValuePair<string, object?>("from", record.FromStatus), new KeyValuePair<string, object?>("to", record.ToStatus));
        }
    }

    public void DealEvent(string kind, string outcome) =>
        dealEvents.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", outcome));
}
