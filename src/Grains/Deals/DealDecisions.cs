using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Grains.Deals;

/// <summary>What an accepted deal webhook does to the deal's state. Pure and deterministic (applied again after a version conflict).</summary>
public static class DealDecisions
{
    public const string Area = "deals";

    /// <summary>How long an accepted event waits before it is sent, so slightly late deliveries can be put in order.</summary>
    public static readonly TimeSpan ReorderHold = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Records the event if <see cref="DealEventOrdering"/> accepts it: as an outbox entry in source-time order, or
    /// (a deal without person) as a note. <paramref name="inFlightEntryId"/> is the entry being sent right now, which
    /// nothing may overtake.
    /// </summary>
    public static DealEventDecision Accept(DealState state, PipedriveEventMeta meta, DealFacts facts, long? inFlightEntryId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentNullException.ThrowIfNull(facts);
        var decision = DealEventOrdering.Decide(state.Ordering, meta.EventId, meta.Action, meta.Timestamp);
        if (decision.Kind is not { } kind)
        {
            return decision;
        }

        DealEventOrdering.Apply(state.Ordering, meta.EventId, kind, meta.Timestamp);
        state.LastEvent = $"{DealTransactionTypes.NameOf(kind)} (Pipedrive event {meta.EventId})";
        state.LastEventAt = meta.Timestamp;
        if (facts.PersonId is null)
        {
            state.LastResult = "Not sent: the deal has no person.";
            state.LastResultAt = now;
            Note(state, now, ActivityLevel.Warning, $"Deal {facts.Id} {Verb(kind)}: not sent to Maileon, the deal has no person.", null, facts.Id);
        }
        else
        {
            EnqueueInOrder(state, new DealWork { Kind = kind, EventId = meta.EventId, OccurredAt = meta.Timestamp, Deal = facts }, inFlightEntryId, now);
        }

        return decision;
    }

    public static void Note(DealState state, DateTimeOffset now, ActivityLevel level, string message, long? personId, long dealId) =>
        state.PendingActivity.Add(new ActivityRecord
        {
            EntryId = Guid.NewGuid(),
            OccurredAt = now,
            Level = level,
            Area = Area,
            PersonId = personId,
            DealId = dealId,
            Message = message,
        });

    public static string Verb(DealWorkKind kind) => kind switch
    {
        DealWorkKind.Added => "created",
        DealWorkKind.Updated => "updated",
        _ => "deleted",
    };

    /// <summary>
    /// Queues the event among the ones not yet sent, by the time it happened at Pipedrive, and holds it for
    /// <see cref="ReorderHold"/> so an event delivered a little late still goes out before the ones after it.
    /// </summary>
    private static void EnqueueInOrder(DealState state, DealWork work, long? inFlightEntryId, DateTimeOffset now)
    {
        var entry = state.Outbox.Enqueue(work, now);
        entry.DueAt = now + ReorderHold;
        var entries = state.Outbox.Entries;
        entries.Remove(entry);
        var index = entries.Count;
        while (index > 0)
        {
            var before = entries[index - 1];
            var started = before.Attempts > 0 || before.StartedAt is not null || before.ParkedAt is not null || before.Id == inFlightEntryId;
            if (started || before.Work.OccurredAt <= work.OccurredAt)
            {
                break;
            }

            index--;
        }

        entries.Insert(index, entry);
    }
}
