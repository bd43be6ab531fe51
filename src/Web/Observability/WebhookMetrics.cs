using System.Diagnostics;
using System.Diagnostics.Metrics;
using PipedriveMaileon.Grains.Interfaces.Observability;

namespace PipedriveMaileon.Web.Observability;

/// <summary>
/// <c>pm.webhooks.received</c> (source, tenant), <c>pm.webhooks.answered</c> (source, outcome) and
/// <c>pm.webhooks.duration</c> (source, outcome). The tenant label is bounded by <see cref="TenantLabels"/>, only on
/// the received counter and only for authenticated webhooks (random company ids must not use up the labels); outcomes per tenant would multiply the series by eight for little gain (the
/// operator page shows each tenant's backlog). Tag values are constant strings: recording allocates nothing.
/// </summary>
public sealed class WebhookMetrics
{
    private static readonly string[] Sources = ["pipedrive", "maileon"];
    private static readonly string[] Outcomes = ["accepted", "duplicate", "ignored", "bad_request", "unauthorized", "gone", "unavailable", "rate_limited"];

    private readonly Counter<long> received;
    private readonly Counter<long> answered;
    private readonly Histogram<double> duration;
    private readonly TenantLabels tenants;

    public WebhookMetrics(IMeterFactory meters, TenantLabels tenants)
    {
        ArgumentNullException.ThrowIfNull(meters);
        this.tenants = tenants;
        var meter = meters.Create(TelemetryNames.WebhooksMeter);
        received = meter.CreateCounter<long>("pm.webhooks.received", "{webhook}", "Webhooks that reached an endpoint (before any check).");
        answered = meter.CreateCounter<long>("pm.webhooks.answered", "{webhook}", "Webhooks answered, by outcome.");
        duration = meter.CreateHistogram("pm.webhooks.duration", "s", "Time from receipt to answer.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = TelemetryNames.LatencyBuckets });
    }

    public static string SourceLabel(WebhookSource source) => Sources[(int)source];

    public static string OutcomeLabel(WebhookOutcome outcome) => Outcomes[(int)outcome];

    /// <summary>
    /// Counts a webhook and returns the timestamp to pass to <see cref="Answered"/>. <paramref name="authenticatedCompanyId"/>
    /// is null when the credentials were refused: such a webhook is counted without a tenant.
    /// </summary>
    public long Received(WebhookSource source, long? authenticatedCompanyId)
    {
        if (received.Enabled)
        {
            var sourceTag = new KeyValuePair<string, object?>("source", Sources[(int)source]);
            if (tenants.Enabled && authenticatedCompanyId is { } companyId)
            {
                received.Add(1, sourceTag, new KeyValuePair<string, object?>(TelemetryNames.TenantTag, tenants.For(companyId)));
            }
            else
            {
                received.Add(1, sourceTag);
            }
        }

        return Stopwatch.GetTimestamp();
    }

    public void Answered(WebhookSource source, WebhookOutcome outcome, long startedAt)
    {
        var sourceTag = new KeyValuePair<string, object?>("source", Sources[(int)source]);
        var outcomeTag = new KeyValuePair<string, object?>("outcome", Outcomes[(int)outcome]);
        answered.Add(1, sourceTag, outcomeTag);
        if (duration.Enabled)
        {
            duration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, sourceTag, outcomeTag);
        }
    }
}
