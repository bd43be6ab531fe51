using Microsoft.Extensions.Logging;
using PipedriveMaileon.Database.Journal;

namespace PipedriveMaileon.Grains.Outbox;

/// <summary>
/// Copies an outbox state's journal entries (consent ledger, activity log) to their tables and remembers, for this
/// activation, which ones are copied, so the next state write can leave them out. Flushes only from non-interleaved
/// turns, when everything in the state is stored: an entry of a change whose write then failed is never copied.
/// </summary>
internal sealed partial class OutboxJournal(OutboxKey key, IJournalWriter writer, TimeProvider time, ILogger logger)
{
    /// <summary>How long after its write a stored state holding only journal entries counts as overdue for the sweeper.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);

    /// <summary>Activity entries copied but still in the stored state (created when first needed).</summary>
    private HashSet<Guid>? copiedActivity;
    private int copiedLedgerThrough;
    private DateTimeOffset retryAt;

    public bool HasUncopied<TWork>(IOutboxState<TWork> state)
        where TWork : class =>
        state.PendingLedger.Any(r => r.Sequence > copiedLedgerThrough) || state.PendingActivity.Any(r => !IsCopied(r.EntryId));

    /// <summary>When entries wait to be copied: now, or after a failure a little later; null when none wait.</summary>
    public DateTimeOffset? DueAt<TWork>(IOutboxState<TWork> state)
        where TWork : class
    {
        if (!HasUncopied(state))
        {
            return null;
        }

        var now = time.GetUtcNow();
        return retryAt > now ? retryAt : now;
    }

    public async Task CopyAsync<TWork>(IOutboxState<TWork> state, CancellationToken cancellationToken)
        where TWork : class
    {
        var ledger = state.PendingLedger.Where(r => r.Sequence > copiedLedgerThrough).ToList();
        var activity = state.PendingActivity.Where(r => !IsCopied(r.EntryId)).ToList();
        if (ledger.Count == 0 && activity.Count == 0)
        {
            return;
        }

        try
        {
            // Only person grains keep a consent ledger: their entity is the person.
            await writer.WriteAsync(new JournalBatch(key.CompanyId, ledger.Count > 0 ? key.EntityId : null, ledger, activity), cancellationToken);
            if (ledger.Count > 0)
            {
                copiedLedgerThrough = Math.Max(copiedLedgerThrough, ledger.Max(r => r.Sequence));
            }

            (copiedActivity ??= []).UnionWith(activity.Select(a => a.EntryId));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The entries stay in the stored state; the next step (or the sweeper after a crash) tries again.
            retryAt = time.GetUtcNow() + RetryAfterFailure;
            LogCopyFailed(ex);
        }
    }

    /// <summary>
    /// The due time stored with the state, for the sweeper: the first due outbox entry or, when only journal entries
    /// are stored, a little later (the live activation copies them at once; this only matters after a crash).
    /// </summary>
    public static DateTimeOffset? StoredDueAt<TWork>(IOutboxState<TWork> state, DateTimeOffset now)
        where TWork : class
    {
        var outboxDue = state.Outbox.NextDueAt();
        return outboxDue is not null || !state.HasJournalEntries() ? outboxDue : now + Grace;
    }

    /// <summary>True when the stored state claims work only because of entries this activation already copied.</summary>
    public bool OnlyCopiedEntriesStored<TWork>(IOutboxState<TWork> state)
        where TWork : class =>
        !state.Outbox.HasPending && !HasUncopied(state) && state.HasJournalEntries();

    /// <summary>Leaves copied entries out of the state about to be written.</summary>
    public void RemoveCopied<TWork>(IOutboxState<TWork> state)
        where TWork : class
    {
        state.PendingLedger.RemoveAll(r => r.Sequence <= copiedLedgerThrough);
        if (copiedActivity is { Count: > 0 } copied)
        {
            state.PendingActivity.RemoveAll(r => copied.Contains(r.EntryId));
            copied.Clear();
        }

        retryAt = default;
    }

    /// <summary>The state was read again from storage: what it holds is judged afresh.</summary>
    public void Forget()
    {
        copiedActivity?.Clear();
        copiedLedgerThrough = 0;
    }

    private bool IsCopied(Guid activityEntryId) => copiedActivity?.Contains(activityEntryId) == true;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal flush failed; entries are kept and retried")]
    private partial void LogCopyFailed(Exception exception);
}
