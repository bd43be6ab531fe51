using System.Diagnostics;

namespace PipedriveMaileon.Grains.Interfaces.Observability;

/// <summary>
/// Names shared by the web and the silo: one meter per area (all under <see cref="Prefix"/>, so the exporters pick
/// them up with one wildcard), the activity source of the outbox pump, and the tag keys dashboards rely on.
/// </summary>
public static class TelemetryNames
{
    public const string Prefix = "PipedriveMaileon.";

    public const string WebhooksMeter = Prefix + "Webhooks";
    public const string OutboxMeter = Prefix + "Outbox";
    public const string ContactsMeter = Prefix + "Contacts";
    public const string DealsMeter = Prefix + "Deals";
    public const string SiloMeter = Prefix + "Silo";

    /// <summary>Spans of outbox effects (the pump runs after the webhook's trace ended; they link back to it).</summary>
    public const string OutboxActivitySource = Prefix + "Outbox";

    public const string TenantTag = "tenant";

    /// <summary>Span attribute and log scope key: the originating event (Pipedrive <c>meta.id</c>, Maileon event id).</summary>
    public const string EventIdTag = "pm.event_id";

    public const string TenantIdTag = "pm.tenant";

    /// <summary>Bucket bounds (seconds) for latency histograms: 1 ms to 30 s.</summary>
    public static readonly IReadOnlyList<double> LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    /// <summary>
    /// A URL fit for a span: scheme, host and port only. Paths and queries carry e-mail addresses, person ids and
    /// (Maileon webhooks) tokens; the operation name on the span says what was called.
    /// </summary>
    public static string RedactUrl(Uri? url) =>
        url is { IsAbsoluteUri: true } ? url.GetLeftPart(UriPartial.Authority) + "/" : "";

    /// <summary>Replaces an outgoing HTTP span's URL attributes with <see cref="RedactUrl"/> (from request and response enrichment).</summary>
    public static void RedactHttpClientSpan(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.GetTagItem("url.full") is string full && Uri.TryCreate(full, UriKind.Absolute, out var url))
        {
            activity.SetTag("url.full", RedactUrl(url));
        }

        activity.SetTag("url.path", null);
        activity.SetTag("url.query", null);
    }
}
