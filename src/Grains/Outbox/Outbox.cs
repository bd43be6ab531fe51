using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using PipedriveMaileon.Database.Connections;
using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces.Hosting;

namespace PipedriveMaileon.Grains.Outbox;

/// <summary>
/// The outbox facet of one grain activation (see <see cref="IOutbox{TState, TWork}"/>): stores changes, and performs
/// the queued effects with <see cref="OutboxPump{TState, TWork, TCommand}"/>.
/// </summary>
internal sealed partial class Outbox<TState, TWork, TCommand> : IOutbox<TState, TWork>, ILifecycleObserver
    where TState : class, IOutboxState<TWork>, new()
    where TWork : class
    where TCommand : class
{
    private readonly IPersistentState<TState> storage;
    private readonly IGrainContext context;
    private readonly OutboxServices services;
    private readonly IOutboxRules<TState, TWork, TCommand> rules;
    private readonly OutboxShared shared;
    // Created when there is work and dropped when none is left: most activations are idle and never need them.
    private OutboxPump<TState, TWork, TCommand>? pump;
    private OutboxJournal? journal;
    private bool writing;
    private bool retired;
    private bool stopped;

    public Outbox(IGrainContext context, IPersistentState<TState> storage, OutboxRegistration registration, OutboxServices services, IOutboxRules<TState, TWork, TCommand> rules)
    {
        this.context = context;
        this.storage = storage;
        this.services = services;
        this.rules = rules;
        Key = registration.KeyOf(context.GrainId);
        shared = registration.Shared(context.ActivationServices);
        context.ObservableLifecycle.Subscribe(shared.LifecycleName, GrainLifecycleStage.Activate, this);
    }

    public TState State => storage.State;

    public DateTimeOffset Now => services.Time.GetUtcNow();

    public long? InFlightEntryId => pump?.InFlightEntryId;

    public OutboxKey Key { get; }

    public bool Retired => retired;

    /// <summary>The activation is deactivating: no step or effect may be asked for (a call to itself would activate it again).</summary>
    public bool Stopped => stopped;

    public Task OnStart(CancellationToken cancellationToken = default)
    {
        Schedule();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Copied journal entries normally leave the stored state with the next write. A grain going idle writes once
    /// more so its stored state does not claim work (best effort: if this fails, the sweeper comes back later).
    /// </summary>
    public async Task OnStop(CancellationToken cancellationToken = default)
    {
        stopped = true;
        pump?.Stop();
        await PruneCopiedJournalAsync();
    }

    public async Task<T> UpdateAsync<T>(Func<TState, DateTimeOffset, T> change, string? correlationId = null)
        where T : IStateChange
    {
        ThrowIfRetired();
        if (writing)
        {
            // Changes run in non-interleaved turns only; two overlapping would mean one came from interleaved code.
            throw new InvalidOperationException("A state change started while another was being stored; change outbox state from non-interleaved grain code only.");
        }

        T decided;
        List<ConsentLedgerRecord>? newLedger = null;
        for (var attempt = 1; ; attempt++)
        {
            var lastIdBefore = State.Outbox.LastId;
            var lastSequenceBefore = State.PendingLedger.Count > 0 ? State.PendingLedger.Max(r => r.Sequence) : 0;
            try
            {
                decided = change(State, Now);
                if (decided.Changed && State.Outbox.LastId != lastIdBefore)
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

            newLedger = decided.Changed ? State.PendingLedger.Where(r => r.Sequence > lastSequenceBefore).ToList() : null;
            if (!decided.Changed || await TryWriteAsync(attempt))
            {
                break;
            }
        }

        if (decided.Changed)
        {
            services.Metrics.LedgerStored(newLedger!);
            Schedule();
        }

        return decided;
    }

    public async Task<bool> UpdateAsync(Func<TState, DateTimeOffset, bool> change, string? correlationId = null) =>
        (await UpdateAsync((state, now) => new Flag(change(state, now)), correlationId)).Value;

    public Task<T> QueueUpdateAsync<T>(Func<TState, DateTimeOffset, T> change)
        where T : IStateChange => Pump().Queue(change);

    public async Task<int> RetryParkedAsync()
    {
        var count = 0;
        await UpdateAsync((state, now) => (count = state.Outbox.Unpark(now)) > 0);
        return count;
    }

    public async Task<int> ResumeWaitingAsync()
    {
        pump?.CredentialsRenewed();
        var count = 0;
        await UpdateAsync((state, now) => (count = state.Outbox.ResumeWaiting(now)) > 0);
        return count;
    }

    public Task RunStepAsync() => pump?.StepFromCallAsync() ?? Task.CompletedTask;

    public Task RunEffectAsync() => pump?.PerformFromCallAsync() ?? Task.CompletedTask;

    public async Task WakeAsync()
    {
        // The sweeper found this grain's stored work overdue: a step call asked for and never delivered must not keep
        // the pump from asking again (a second step, if the first was only slow, finds nothing more to do).
        pump?.ForgetStepRequest();
        Schedule();
        await Journal.CopyAsync(State, CancellationToken.None);
        await PruneCopiedJournalAsync();
    }

    private async Task PruneCopiedJournalAsync()
    {
        if (retired || journal?.OnlyCopiedEntriesStored(State) != true)
        {
            return;
        }

        try
        {
            await UpdateAsync((_, _) => true);
        }
        catch (GrainStateUnavailableException)
        {
        }
    }

    /// <summary>Writes the state; false after a conflict or a lost connection on the first attempt (then the change is applied again).</summary>
    private async Task<bool> TryWriteAsync(int attempt)
    {
        try
        {
            writing = true;
            journal?.RemoveCopied(State);
            State.OutboxDueAt = OutboxJournal.StoredDueAt(State, Now);
            await storage.WriteStateAsync();
            return true;
        }
        catch (InconsistentStateException) when (attempt == 1)
        {
            await ReloadAsync();
        }
        catch (Exception ex) when (attempt == 1 && DatabaseFailures.IsConnectionLoss(ex))
        {
            // The database restarted under a pooled connection: nothing was written. Start again on a fresh one.
            DatabaseFailures.DropIdleConnections();
            await ReloadAsync();
        }
        catch (Exception ex) when (ex is not GrainStateUnavailableException)
        {
            await ReloadAsync();
            // The provider's exception stays here (logged): its type may not cross the wire to the caller.
            LogWriteFailed(shared.Logger, ex);
            throw new GrainStateUnavailableException($"The change could not be stored ({ex.GetType().Name}); it was not applied.");
        }
        finally
        {
            writing = false;
        }

        ThrowIfRetired();
        return false;
    }

    private void StampNewEntries(long lastIdBefore, string? correlationId)
    {
        var origin = Activity.Current is { Recorded: true } current ? current.Id : null;
        if (origin is null && correlationId is null)
        {
            return;
        }

        foreach (var entry in State.Outbox.Entries.Where(e => e.Id > lastIdBefore))
        {
            entry.CorrelationId = correlationId;
            entry.Origin = origin;
        }
    }

    private async Task ReloadAsync()
    {
        try
        {
            await storage.ReadStateAsync();
            journal?.Forget();
        }
        catch (Exception ex)
        {
            // Memory may now hold a change storage does not: never serve another request from it.
            retired = true;
            context.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, "The outbox lost contact with storage."));
            LogRetired(shared.Logger, ex);
        }
    }

    private void ThrowIfRetired()
    {
        if (retired)
        {
            throw new GrainStateUnavailableException("This activation lost contact with storage and is retiring; retry.");
        }
    }
}
