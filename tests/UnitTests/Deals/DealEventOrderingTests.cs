using PipedriveMaileon.Grains.Deals;
using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.UnitTests.Deals;

public sealed class DealEventOrderingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    private static DealWorkKind? Offer(DealOrderingState state, string id, PipedriveAction action, int seconds)
    {
        var decision = DealEventOrdering.Decide(state, id, action, T0.AddSeconds(seconds));
        if (decision.Kind is { } kind)
        {
            DealEventOrdering.Apply(state, id, kind, T0.AddSeconds(seconds));
        }

        return decision.Kind;
    }

    [Fact]
    public void A_redelivered_event_is_a_duplicate()
    {
        var state = new DealOrderingState();
        Assert.Equal(DealWorkKind.Added, Offer(state, "a", PipedriveAction.Create, 0));
        Assert.True(DealEventOrdering.Decide(state, "a", PipedriveAction.Create, T0).IsDuplicate);
    }

    [Fact]
    public void A_late_change_is_still_a_real_change_but_not_beyond_the_reorder_horizon()
    {
        var state = new DealOrderingState();
        Assert.Equal(DealWorkKind.Updated, Offer(state, "c2", PipedriveAction.Change, 20));
        Assert.Equal(DealWorkKind.Updated, Offer(state, "c1", PipedriveAction.Change, 10));
        Assert.Equal(T0.AddSeconds(20), state.LastAppliedAt);
        var replay = DealEventOrdering.Decide(state, "c0", PipedriveAction.Change, T0.AddSeconds(20) - DealEventOrdering.ReorderHorizon - TimeSpan.FromSeconds(1));
        Assert.False(replay.IsAccepted);
        Assert.False(replay.IsDuplicate);
        Assert.Contains("reorder horizon", replay.Reason, StringComparison.Ordinal);
        Assert.Equal(DealWorkKind.Updated, Offer(state, "c3", PipedriveAction.Change, 20));
    }

    [Fact]
    public void A_late_create_is_applied_once()
    {
        var state = new DealOrderingState();
        Assert.Equal(DealWorkKind.Updated, Offer(state, "c", PipedriveAction.Change, 5));
        Assert.Equal(DealWorkKind.Added, Offer(state, "a", PipedriveAction.Create, 0));
        Assert.Null(Offer(state, "a-again-other-id", PipedriveAction.Create, 0));
        Assert.Equal(T0.AddSeconds(5), state.LastAppliedAt);
    }

    [Fact]
    public void A_delete_ends_the_deal_for_older_events_and_a_newer_change_restores_it()
    {
        var state = new DealOrderingState();
        Assert.Equal(DealWorkKind.Deleted, Offer(state, "d", PipedriveAction.Delete, 30));
        Assert.Null(Offer(state, "late-create", PipedriveAction.Create, 0));
        Assert.Null(Offer(state, "late-change", PipedriveAction.Change, 29));
        Assert.Null(Offer(state, "second-delete", PipedriveAction.Delete, 31));

        Assert.Equal(DealWorkKind.Updated, Offer(state, "restored", PipedriveAction.Change, 60));
        Assert.Null(state.DeletedAt);
        Assert.Equal(DealWorkKind.Deleted, Offer(state, "d2", PipedriveAction.Delete, 90));
    }

    [Fact]
    public void A_delete_older_than_an_applied_change_is_sent_but_does_not_end_the_restored_deal()
    {
        var state = new DealOrderingState();
        Offer(state, "c", PipedriveAction.Change, 50);
        Assert.Equal(DealWorkKind.Deleted, Offer(state, "d", PipedriveAction.Delete, 40));
        Assert.Null(state.DeletedAt);
    }

    [Fact]
    public void A_merge_counts_as_a_change()
    {
        var state = new DealOrderingState();
        Assert.Equal(DealWorkKind.Updated, Offer(state, "m", PipedriveAction.Merge, 1));
    }

    [Fact]
    public void The_memory_of_event_ids_is_bounded_and_forgets_the_oldest_first()
    {
        var state = new DealOrderingState();
        for (var i = 0; i < DealEventOrdering.RememberedEvents + 10; i++)
        {
            Offer(state, $"e{i}", PipedriveAction.Change, i * 20);
        }

        Assert.Equal(DealEventOrdering.RememberedEvents, state.RecentEventIds.Count);
        Assert.DoesNotContain("e0", state.RecentEventIds);
        Assert.Contains($"e{DealEventOrdering.RememberedEvents + 9}", state.RecentEventIds);
        // Forgotten, and older than the last change by more than the reorder horizon: still not sent twice.
        Assert.False(DealEventOrdering.Decide(state, "e0", PipedriveAction.Change, T0).IsAccepted);
    }
}
