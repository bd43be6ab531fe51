namespace PipedriveMaileon.Grains.Outbox;

/// <summary>What an <see cref="IOutboxState{TWork}"/> still holds to do.</summary>
public static class OutboxStateExtensions
{
    /// <summary>Journal entries (ledger or activity) are stored and not yet copied to their tables.</summary>
    public static bool HasJournalEntries<TWork>(this IOutboxState<TWork> state)
        where TWork : class
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.PendingLedger.Count > 0 || state.PendingActivity.Count > 0;
    }

    /// <summary>No effect is queued and no journal entry waits: the stored state is all there is.</summary>
    public static bool NothingPending<TWork>(this IOutboxState<TWork> state)
        where TWork : class
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Outbox.Entries.Count == 0 && !state.HasJournalEntries();
    }
}
