using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using PipedriveMaileon.Database.Connections;
using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Interfaces.Observability;

namespace PipedriveMaileon.Grains.Outbox;

/// <summary>
/// Base of grains that record events durably and then perform side effects from an outbox.
/// <list type="bullet">
/// <item>Requests change state only through <see cref="UpdateAsync"/>: the change and the work it causes are written
/// in one storage write before the request returns (so an acknowledgement means "durably recorded").</item>
/// <item>A timer pump (interleaving with requests, so a slow Maileon never blocks ingest) copies journal entries
/// to their tables and performs the outbox entries one at a time, in order, recording each outcome.</item>
/// <item>If a write fails, the in-memory state is reloaded from storage (or the activation retires), so nothing
/// that was not stored can be acknowledged later.</item>
/// </list>
/// </summary>
public abstract partial class OutboxGrain<TState, TWork> : Grain, IOutboxParticipant
    where TState : class, IOutboxGrainState<TWork>, new()
    where TWork : class
{
    private static readonly TimeSpan JournalGrace = TimeSpan.FromMinutes(2);

    private static readonly Func<ILogger, long, string, long, string?, IDisposable?> EffectScope =
        LoggerMessage.DefineScope<long, string, long, string?>("Tenant {TenantId}, {GrainType} outbox entry {OutboxEntryId}, correlation {CorrelationId}");

    private readonly IPersistentState<TState> state;
    private readonly OutboxGrainServices services;
    private readonly SemaphoreSlim gate = new(1, 1);
    /// <summary>Activity entries copied to their table but still in the stored state (created when first needed).</summary>
    private HashSet<Guid>? flushedActivity;
    /// <summary>Entries whose start this activation stored, and its attempts per entry (created when first needed:
    /// most activations never run a side effect).</summary>
    private HashSet<long>? intentRecordedHere;
    private Dictionary<long, int>? attemptsHere;
    private int flushedLedgerThrough;
    private IGrainTimer? pumpTimer;
    private bool pumping;
    private long? inFlightEntryId;
    private bool retired;
    private DateTimeOffset journalRetryAt;
    private string? grainTypeLabel;

    protected OutboxGrain(IPersistentState<TState> state, OutboxGrainServices services, ILogger logger)
    {
        this.state = state;
        this.services = services;
        Logger = logger;
    }

    protected TState State => state.State;

    protected ILogger Logger { get; }

    protected DateTimeOffset Now => services.Time.GetUtcNow();

    protected TimeProvider TimeProvider => services.Time;

    protected GrainMetrics Metrics => services.Metrics;

    /// <summary>The tenant whose tables the journal entries go to.</summary>
    protected abstract long CompanyId { get; }

    /// <summary>The person the consent-ledger entries belong to (null for grains without a ledger).</summary>
    protected abstract long? LedgerPersonId { get; }

    /// <summary>The <c>grain_type</c> metric label and span attribute: the grain type name (contact, deal, tenant, ...).</summary>
    private string GrainTypeLabel => grainTypeLabel ??= this.GetGrainId().Type.ToString();

    /// <summary>The <c>work_kind</c> metric label: a name from a small fixed set (an enum), never data.</summary>
    protected abstract string WorkKindOf(TWork work);

    /// <summary>Called before each attempt to apply a change (a conflict re-applies it): forget what the last attempt noted.</summary>
    protected virtual void OnChangeAttempt()
    {
    }

    /// <summary>Called once a change is stored (e.g. to count what it did, now that it really happened).</summary>
    protected virtual void OnChangeStored()
    {
    }

    /// <summary>Performs one side effect. Exceptions count as transient failures.</summary>
    protected abstract Task<EffectOutcome> ExecuteAsync(OutboxEntry<TWork> entry, CancellationToken cancellationToken);

    /// <summary>
    /// True for effects that are not idempotent (e.g. a DOI mail): their start is stored before the first attempt,
    /// see <see cref="OutboxEntry{TWork}.StartedAt"/>.
    /// </summary>
    protected virtual bool NeedsIntentRecord(OutboxEntry<TWork> entry) => false;

    /// <summary>
    /// False only for the very first attempt of an entry whose start this activation recorded itself; otherwise an
    /// earlier attempt may have reached the other side (its outcome lost to a crash or a failed write).
    /// </summary>
    protected bool MayHaveRunBefore(OutboxEntry<TWork> entry) =>
        entry.Attempts > 0 || (entry.StartedAt is not null && !(intentRecordedHere?.Contains(entry.Id) == true && attemptsHere?.GetValueOrDefault(entry.Id) == 1));

    /// <summary>Reacts to a recorded outcome (update domain state, enqueue follow-up work, journal). Runs under the state gate.</summary>
    protected abstract void OnOutcomeRecorded(OutboxEntry<TWork> entry, EffectOutcome outcome, OutboxDisposition disposition);

    /// <summary>
    /// Called by the sweeper for grains whose stored state shows work. Activation already resumed the pump; when
    /// the stored state only holds journal entries that are copied by now, write it so the sweeper stops coming.
    /// </summary>
    public async Task<int> ResumeWaiting()
    {
        var count = 0;
        await UpdateAsync(() => (count = State.Outbox.ResumeWaiting(Now)) > 0);
        return count;
    }

    public async Task Wake()
    {
        await FlushJournalAsync(CancellationToken.None);
        await PruneCopiedJournalAsync();
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        SchedulePump();
        return base.OnActivateAsync(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await PruneCopiedJournalAsync();
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <summary>
    /// Copied journal entries normally leave the stored state with the next write. A grain going idle writes once
    /// more so its stored state does not claim work (best effort: if this fails, the sweeper comes back later).
    /// </summary>
    private async Task PruneCopiedJournalAsync()
    {
        if (retired || State.Outbox.HasPending || HasUnflushedJournal() || (State.PendingLedger.Count == 0 && State.PendingActivity.Count == 0))
        {
            return;
        }

        try
        {
            await UpdateAsync(() => true);
        }
        catch (GrainStateUnavailableException)
        {
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the state and writes it, under the state gate. The change returns false
    /// when it altered nothing (then nothing is written). On a version conflict the state is re-read and the change
    /// applied again once, so changes must be deterministic functions of state and input.
    /// </summary>
    /// <param name="change">The change.</param>
    /// <param name="correlationId">
    /// The event causing the change (e.g. a webhook's id): stored on the outbox entries it queues, with the current
    /// trace context, so their effects can be traced back to it.
    /// </param>
    protected async Task<bool> UpdateAsync(Func<bool> change, string? correlationId = null)
    {
        ThrowIfRetired();
        await gate.WaitAsync();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                bool changed;
                var lastIdBefore = State.Outbox.LastId;
                OnChangeAttempt();
                try
                {
                    changed = change();
                    if (changed && State.Outbox.LastId != lastIdBefore)
                    {
                        StampNewEntries(lastIdBefore, correlationId);
                    }
                }
                catch
                {
                    // A half-applied change must not stay in memory.
                    await ReloadAsync();
                    throw;
                }

                if (!changed)
                {
                    return false;
                }

                try
                {
                    await WriteAsync();
                    OnChangeStored();
                    break;
                }
                catch (InconsistentStateException) when (attempt == 1)
                {
                    await ReloadAsync();
                    ThrowIfRetired();
                }
                catch (Exception ex) when (attempt == 1 && DatabaseFailures.IsConnectionLoss(ex))
                {
                    // The database restarted under a pooled connection: nothing was written. Start again on a fresh one.
                    DatabaseFailures.DropIdleConnections();
                    await ReloadAsync();
                    ThrowIfRetired();
                }
                catch (Exception ex) when (ex is not GrainStateUnavailableException)
                {
                    await ReloadAsync();
                    // The provider's exception stays here (logged): its type may not cross the wire to the caller.
                    LogWriteFailed(ex);
                    throw new GrainStateUnavailableException($"The change could not be stored ({ex.GetType().Name}); it was not applied.");
                }
            }
        }
        finally
        {
            gate.Release();
        }

        SchedulePump();
        return true;
    }

    private void StampNewEntries(long lastIdBefore, string? correlationId)
    {
        var origin = Activity.Current is { Recorded: true } current ? current.Id : null;
        if (origin is null && correlationId is null)
        {
            return;
        }

        foreach (var entry in State.Outbox.Entries)
        {
            if (entry.Id > lastIdBefore)
            {
                entry.CorrelationId = correlationId;
                entry.Origin = origin;
            }
        }
    }

    /// <summary>Appends an activity-log line; persisted with the next write.</summary>
    protected void Note(ActivityLevel level, string area, string message, long? personId = null, long? dealId = null) =>
        State.PendingActivity.Add(new ActivityRecord
        {
            EntryId = Guid.NewGuid(),
            OccurredAt = Now,
            Level = level,
            Area = area,
            PersonId = personId,
            DealId = dealId,
            Message = message,
        });

    /// <summary>Re-activates parked outbox entries (a person pressed "retry").</summary>
    protected Task<bool> RetryParkedAsync() => UpdateAsync(() => State.Outbox.Unpark(Now) > 0);

    private async Task WriteAsync()
    {
        // Entries already copied to their tables need not be stored again.
        State.PendingLedger.RemoveAll(r => r.Sequence <= flushedLedgerThrough);
        if (flushedActivity is { Count: > 0 } flushed)
        {
            State.PendingActivity.RemoveAll(r => flushed.Contains(r.EntryId));
            flushed.Clear();
        }

        State.OutboxDueAt = StoredDueAt();
        await state.WriteStateAsync();
        journalRetryAt = default;
    }

    private async Task ReloadAsync()
    {
        try
        {
            await state.ReadStateAsync();
            flushedActivity?.Clear();
            flushedLedgerThrough = 0;
        }
        catch (Exception ex)
        {
            // Memory may now hold a change storage does not: never serve another request from it.
            retired = true;
            DeactivateOnIdle();
            LogRetired(ex);
        }
    }

    private void ThrowIfRetired()
    {
        if (retired)
        {
            throw new GrainStateUnavailableException("This activation lost contact with storage and is retiring; retry.");
        }
    }

    /// <summary>
    /// The due time stored with the state, for the sweeper: the first due outbox entry or, when only journal entries
    /// are stored, a little later (the live activation copies them at once; this only matters after a crash).
    /// </summary>
    private DateTimeOffset? StoredDueAt()
    {
        var outboxDue = State.Outbox.NextDueAt();
        if (outboxDue is not null || (State.PendingLedger.Count == 0 && State.PendingActivity.Count == 0))
        {
            return outboxDue;
        }

        return Now + JournalGrace;
    }

    /// <summary>When the pump must run next: the first due outbox entry, or now when journal entries await copying.</summary>
    private DateTimeOffset? NextWorkAt()
    {
        var outboxDue = State.Outbox.NextDueAt();
        DateTimeOffset? journalDue = HasUnflushedJournal() ? (journalRetryAt > Now ? journalRetryAt : Now) : null;
        return outboxDue is null ? journalDue : journalDue is null ? outboxDue : (outboxDue < journalDue ? outboxDue : journalDue);
    }

    private bool HasUnflushedJournal() =>
        State.PendingLedger.Any(r => r.Sequence > flushedLedgerThrough)
        || State.PendingActivity.Any(r => !IsFlushed(r.EntryId));

    private bool IsFlushed(Guid activityEntryId) => flushedActivity?.Contains(activityEntryId) == true;

    private void SchedulePump()
    {
        if (retired)
        {
            return;
        }

        if (pumping)
        {
            return; // the running pump reschedules when it finishes
        }

        var due = NextWorkAt();
        if (due is null)
        {
            return;
        }

        var delay = due.Value - Now;
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        if (pumpTimer is null)
        {
            pumpTimer = this.RegisterGrainTimer(PumpAsync, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan)
            {
                Interleave = true,
                KeepAlive = true,
            });
        }
        else
        {
            pumpTimer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        if (pumping || retired)
        {
            return;
        }

        pumping = true;
        try
        {
            await FlushJournalAsync(cancellationToken);
            while (!cancellationToken.IsCancellationRequested && !retired && State.Outbox.Head(Now) is { } head)
            {
                if (head.StartedAt is null && NeedsIntentRecord(head))
                {
                    try
                    {
                        await UpdateAsync(() =>
                        {
                            if (State.Outbox.Find(head.Id) is not { } entry)
                            {
                                return false;
                            }

                            entry.StartedAt = Now;
                            return true;
                        });
                        (intentRecordedHere ??= []).Add(head.Id);
                    }
                    catch (GrainStateUnavailableException)
                    {
                        break; // not recorded, so not attempted: the pump comes back later
                    }

                    continue;
                }

                inFlightEntryId = head.Id;
                attemptsHere ??= [];
                attemptsHere[head.Id] = attemptsHere.GetValueOrDefault(head.Id) + 1;
                var workKind = WorkKindOf(head.Work);
                using var activity = StartEffectActivity(head, workKind);
                using var scope = EffectScope(Logger, CompanyId, GrainTypeLabel, head.Id, head.CorrelationId);
                var started = Stopwatch.GetTimestamp();
                EffectOutcome outcome;
                try
                {
                    outcome = await ExecuteAsync(head, cancellationToken);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    outcome = EffectOutcome.Retry($"unexpected {ex.GetType().Name}");
                    LogEffectCrashed(ex, head.Id);
                }
                finally
                {
                    inFlightEntryId = null;
                }

                var elapsed = Stopwatch.GetElapsedTime(started);
                OutboxDisposition? recorded = null;
                try
                {
                    await UpdateAsync(() =>
                    {
                        recorded = null;
                        if (State.Outbox.Find(head.Id) is not { } current)
                        {
                            return false;
                        }

                        var disposition = State.Outbox.Record(current.Id, outcome, Now, services.RetryPolicy, Random.Shared.NextDouble());
                        recorded = disposition;
                        OnOutcomeRecorded(current, outcome, disposition);
                        return true;
                    });
                }
                catch (GrainStateUnavailableException)
                {
                    // The outcome is lost with the failed write; the entry runs again later (effects are idempotent).
                    activity?.SetStatus(ActivityStatusCode.Error, "outcome not stored");
                    break;
                }

                if (recorded is { } stored)
                {
                    services.Metrics.EffectRecorded(GrainTypeLabel, workKind, stored, elapsed);
                    if (activity is not null)
                    {
                        activity.SetTag("pm.outbox.outcome", GrainMetrics.DispositionLabel(stored));
                        if (stored != OutboxDisposition.Completed)
                        {
                            activity.SetStatus(ActivityStatusCode.Error, stored == OutboxDisposition.Parked ? "parked" : "will retry");
                        }
                    }
                }

                await FlushJournalAsync(cancellationToken);
            }
        }
        finally
        {
            pumping = false;
            SchedulePump();
        }
    }

    /// <summary>
    /// The span of one effect attempt (null when nobody records traces). It starts a trace of its own, linked to the
    /// request that queued the work: that request was answered long ago, and a child span outliving its parent by
    /// minutes (retries) would mislead. The outbound HTTP spans nest under it.
    /// </summary>
    private Activity? StartEffectActivity(OutboxEntry<TWork> entry, string workKind)
    {
        var source = GrainMetrics.OutboxActivities;
        if (!source.HasListeners())
        {
            return null;
        }

        ActivityLink[]? links = entry.Origin is { } origin && ActivityContext.TryParse(origin, null, out var originContext)
            ? [new ActivityLink(originContext)]
            : null;
        var previous = Activity.Current;
        Activity.Current = null;
        var activity = source.StartActivity(ActivityKind.Internal, default, null, links, default, $"outbox {GrainTypeLabel} {workKind}");
        if (activity is null)
        {
            Activity.Current = previous;
            return null;
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag(TelemetryNames.TenantIdTag, CompanyId);
            activity.SetTag("pm.grain_type", GrainTypeLabel);
            activity.SetTag("pm.work_kind", workKind);
            activity.SetTag("pm.outbox.entry_id", entry.Id);
            activity.SetTag("pm.outbox.attempt", entry.Attempts + 1);
            if (entry.CorrelationId is { } correlation)
            {
                activity.SetTag(TelemetryNames.EventIdTag, correlation);
            }
        }

        return activity;
    }

    /// <summary>True when <paramref name="entryId"/> is being performed right now (do not drop or reorder it).</summary>
    protected bool IsInFlight(long entryId) => inFlightEntryId == entryId;

    private async Task FlushJournalAsync(CancellationToken cancellationToken)
    {
        var ledger = State.PendingLedger.Where(r => r.Sequence > flushedLedgerThrough).ToList();
        var activity = State.PendingActivity.Where(r => !IsFlushed(r.EntryId)).ToList();
        if (ledger.Count == 0 && activity.Count == 0)
        {
            return;
        }

        try
        {
            await services.Journal.WriteAsync(new JournalBatch(CompanyId, LedgerPersonId, ledger, activity), cancellationToken);
            if (ledger.Count > 0)
            {
                flushedLedgerThrough = Math.Max(flushedLedgerThrough, ledger.Max(r => r.Sequence));
            }

            (flushedActivity ??= []).UnionWith(activity.Select(a => a.EntryId));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The entries stay in the stored state; the next pump (or the sweeper after a crash) tries again.
            journalRetryAt = Now + TimeSpan.FromSeconds(5);
            LogJournalFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A state write failed; the change was not applied and the caller gets a retryable error")]
    private partial void LogWriteFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage unreachable after a failed write; retiring this activation")]
    private partial void LogRetired(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox entry {EntryId} threw; it will be retried")]
    private partial void LogEffectCrashed(Exception exception, long entryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal flush failed; entries are kept and retried")]
    private partial void LogJournalFailed(Exception exception);
}
