using System.Globalization;
using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Grains.Deals;

/// <summary>
/// De-duplication and ordering of one deal's webhooks, so duplicate and reordered deliveries give one event per real
/// change:
/// <list type="bullet">
/// <item>an event id seen recently (bounded ring) is a duplicate;</item>
/// <item>a change older than the last applied event (by Pipedrive's <c>meta.timestamp</c>) is still a real change: it
/// is accepted (the grain puts it in order among the events not yet sent), unless it is older than
/// <see cref="ReorderHorizon"/> — then it can only be a replay whose id the bounded ring forgot;</item>
/// <item>a create is applied once, even when it arrives after a change (it is then sent late, with its own timestamp);</item>
/// <item>a delete ends the deal: creates and changes not newer than it are ignored, as is a second delete. A change
/// newer than the delete (the deal was restored) is applied and revives the deal.</item>
/// </list>
/// </summary>
public static class DealEventOrdering
{
    /// <summary>How many event ids a deal remembers. Pipedrive retries within minutes, so a few dozen are plenty.</summary>
    public const int RememberedEvents = 64;

    /// <summary>How far back a late event still counts as new. Pipedrive's retries end about three minutes after the change.</summary>
    public static readonly TimeSpan ReorderHorizon = TimeSpan.FromMinutes(10);

    public static DealEventDecision Decide(DealOrderingState state, string eventId, PipedriveAction action, DateTimeOffset occurredAt)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.RecentEventIds.Contains(eventId, StringComparer.Ordinal))
        {
            return DealEventDecision.Duplicate;
        }

        var deletedAt = state.DeletedAt;
        switch (action)
        {
            case PipedriveAction.Create:
                if (deletedAt is { } d1 && occurredAt <= d1)
                {
                    return DealEventDecision.Ignore($"created before its delete ({Format(d1)}), which was already recorded");
                }

                return state.CreateApplied
                    ? DealEventDecision.Ignore("its creation was already recorded")
                    : DealEventDecision.Accept(DealWorkKind.Added);

            case PipedriveAction.Change or PipedriveAction.Merge:
                if (deletedAt is { } d2 && occurredAt <= d2)
                {
                    return DealEventDecision.Ignore($"the change ({Format(occurredAt)}) is older than the deal's delete ({Format(d2)})");
                }

                return state.LastAppliedAt is { } last && occurredAt < last - ReorderHorizon
                    ? DealEventDecision.Ignore($"the change ({Format(occurredAt)}) is older than the last applied one ({Format(last)}) by more than the reorder horizon")
                    : DealEventDecision.Accept(DealWorkKind.Updated);

            case PipedriveAction.Delete:
                if (deletedAt is not null)
                {
                    return DealEventDecision.Ignore("its delete was already recorded");
                }

                return state.LastAppliedAt is { } lastBeforeDelete && occurredAt < lastBeforeDelete - ReorderHorizon
                    ? DealEventDecision.Ignore($"the delete ({Format(occurredAt)}) is older than the last applied change ({Format(lastBeforeDelete)}) by more than the reorder horizon")
                    : DealEventDecision.Accept(DealWorkKind.Deleted);

            default:
                return DealEventDecision.Ignore($"unknown action {action}");
        }
    }

    /// <summary>Records an applied event (call only after <see cref="Decide"/> accepted it).</summary>
    public static void Apply(DealOrderingState state, string eventId, DealWorkKind kind, DateTimeOffset occurredAt)
    {
        ArgumentNullException.ThrowIfNull(state);
        Remember(state, eventId);
        var newest = state.LastAppliedAt is null || occurredAt >= state.LastAppliedAt;
        if (newest)
        {
            state.LastAppliedAt = occurredAt;
        }

        switch (kind)
        {
            case DealWorkKind.Added:
                state.CreateApplied = true;
                break;
            case DealWorkKind.Deleted when newest:
                state.DeletedAt = occurredAt;
                break;
            case DealWorkKind.Updated when state.DeletedAt is { } deletedAt && occurredAt > deletedAt:
                state.DeletedAt = null; // restored in Pipedrive
                break;
        }
    }

    /// <summary>Remembers an event id (bounded: the oldest id is forgotten first).</summary>
    public static void Remember(DealOrderingState state, string eventId)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.RecentEventIds.Contains(eventId, StringComparer.Ordinal))
        {
            return;
        }

        state.RecentEventIds.Add(eventId);
        if (state.RecentEventIds.Count > RememberedEvents)
        {
            state.RecentEventIds.RemoveRange(0, state.RecentEventIds.Count - RememberedEvents);
        }
    }

    private static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture);
}
