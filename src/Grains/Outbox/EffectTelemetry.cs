using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Interfaces.Observability;

namespace PipedriveMaileon.Grains.Outbox;

/// <summary>The span, log scope and metrics of outbox effects of one grain type.</summary>
internal sealed class EffectTelemetry(string grainType, GrainMetrics metrics)
{
    private static readonly Func<ILogger, long, string, long, string?, IDisposable?> EffectScope =
        LoggerMessage.DefineScope<long, string, long, string?>("Tenant {TenantId}, {GrainType} outbox entry {OutboxEntryId}, correlation {CorrelationId}");

    public IDisposable? Scope(ILogger logger, OutboxKey key, EffectAttempt attempt) =>
        EffectScope(logger, key.CompanyId, grainType, attempt.EntryId, attempt.CorrelationId);

    /// <summary>
    /// The span of one effect attempt (null when nobody records traces). It starts a trace of its own, linked to the
    /// request that queued the work: that request was answered long ago, and a child span outliving its parent by
    /// minutes (retries) would mislead. The outbound HTTP spans nest under it. It ends when the outcome is recorded.
    /// </summary>
    public Activity? Start(OutboxKey key, EffectAttempt attempt, string workKind, string? origin)
    {
        var source = GrainMetrics.OutboxActivities;
        if (!source.HasListeners())
        {
            return null;
        }

        ActivityLink[]? links = origin is not null && ActivityContext.TryParse(origin, null, out var originContext) ? [new ActivityLink(originContext)] : null;
        var previous = Activity.Current;
        Activity.Current = null;
        var activity = source.StartActivity(ActivityKind.Internal, default, null, links, default, $"outbox {grainType} {workKind}");
        if (activity is null)
        {
            Activity.Current = previous;
            return null;
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag(TelemetryNames.TenantIdTag, key.CompanyId);
            activity.SetTag("pm.grain_type", grainType);
            activity.SetTag("pm.work_kind", workKind);
            activity.SetTag("pm.outbox.entry_id", attempt.EntryId);
            activity.SetTag("pm.outbox.attempt", attempt.PreviousAttempts + 1);
            if (attempt.CorrelationId is { } correlation)
            {
                activity.SetTag(TelemetryNames.EventIdTag, correlation);
            }
        }

        return activity;
    }

    /// <summary>Counts a recorded outcome and ends its span.</summary>
    public void Recorded(Activity? activity, string workKind, OutboxDisposition disposition, TimeSpan elapsed)
    {
        metrics.EffectRecorded(grainType, workKind, disposition, elapsed);
        if (activity is not null)
        {
            activity.SetTag("pm.outbox.outcome", GrainMetrics.DispositionLabel(disposition));
            if (disposition != OutboxDisposition.Completed)
            {
                activity.SetStatus(ActivityStatusCode.Error, GrainMetrics.DispositionLabel(disposition));
            }

            activity.Dispose();
        }
    }

    /// <summary>Ends the span of an attempt whose outcome could not be stored (it runs again later).</summary>
    public static void Lost(Activity? activity)
    {
        activity?.SetStatus(ActivityStatusCode.Error, "outcome not stored");
        activity?.Dispose();
    }
}
