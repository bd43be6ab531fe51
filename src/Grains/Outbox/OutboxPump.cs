using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PipedriveMaileon.Grains.Interfaces.Hosting;

namespace PipedriveMaileon.Grains.Outbox;

/// <summary>
/// Performs an outbox's effects one at a time, in order, in two kinds of turn and with no lock:
/// <list type="bullet">
/// <item>the <em>step</em> does not interleave, so it runs like a grain call, never beside another change: it
/// records the last outcome, applies changes queued from interleaved code, copies the journal, stores the intent
/// record of an effect that must not run twice, and hands the next due entry to the effect turn;</item>
/// <item>the <em>effect</em> interleaves, so requests keep being served while it awaits the outbound call; it
/// reads only the command the step gave it, and asks for a step when the outcome is in.</item>
/// </list>
/// A turn due now is a one-way call of the grain to itself (<see cref="IOutboxParticipant"/>); only work due later (a
/// retry's backoff) waits on a grain timer. Orleans keeps a timer's bookkeeping on the activation until it deactivates
/// (about 400 bytes), so with timers for every turn each idle grain that ever had work would hold it.
/// At most one effect is in flight, so a grain's effects keep their order.
/// </summary>
internal sealed partial class OutboxPump<TState, TWork, TCommand>(
    Outbox<TState, TWork, TCommand> outbox,
    IGrainContext context,
    IOutboxRules<TState, TWork, TCommand> rules,
    EffectTelemetry telemetry,
    OutboxServices services,
    ILogger logger)
    where TState : class, IOutboxState<TWork>, new()
    where TWork : class
    where TCommand : class
{
    private static readonly TimeSpan StepFailureBackoff = TimeSpan.FromSeconds(5);

    private IEffectHandler<TCommand>? handler;
    private EffectInFlight<TCommand>? inFlight;
    /// <summary>Changes from interleaved code (created when first needed: most grains never queue one).</summary>
    private QueuedChanges<TState, TWork>? queued;

    /// <summary>The entry whose start the last step stored and that has not been attempted since.</summary>
    private long? freshIntent;
    private DateTimeOffset backoffUntil;

    public long? InFlightEntryId => inFlight?.EntryId;

    private TState State => outbox.State;

    /// <summary>Asks for the step of the next work: now by a call, later by the step timer (now when an outcome or a queued change waits).</summary>
    public void Schedule()
    {
        if (outbox.Retired || outbox.Stopped)
        {
            return;
        }

        var due = queued?.Any == true || inFlight is { Outcome: not null }
            ? outbox.Now
            : inFlight is null
                ? Earliest(State.Outbox.NextDueAt(), outbox.JournalDueAt())
                : outbox.JournalDueAt(); // an effect in flight asks for a step when its outcome is in
        if (due is { } next && backoffUntil > next)
        {
            due = backoffUntil;
        }

        if (due is not { } at)
        {
            if (inFlight is null)
            {
                ReleaseTimers();
            }
            else
            {
                stepTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }

            return;
        }

        var delay = at - outbox.Now;
        if (delay > TimeSpan.Zero)
        {
            (stepTimer ??= Register(StepAsync, interleave: false)).Change(delay, Timeout.InfiniteTimeSpan);
            return;
        }

        stepTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (!stepRequested)
        {
            stepRequested = true;
            RequestTurn(effect: false);
        }
    }

    /// <summary>
    /// The tenant's credentials were renewed: a refusal of the attempt under way (or answered, not yet recorded) was for
    /// the old ones, so it is due again at once (the stored entries' resume sees only those recorded as waiting).
    /// </summary>
    public void CredentialsRenewed() => inFlight?.CredentialsRenewedMeanwhile = true;

    public Task<T> Queue<T>(Func<TState, DateTimeOffset, T> change)
        where T : IStateChange
    {
        var applied = (queued ??= new QueuedChanges<TState, TWork>(outbox)).Add(change);
        Schedule();
        return applied;
    }

    private async Task StepAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (queued is not null)
            {
                await queued.ApplyAsync();
            }

            if (inFlight is { Outcome: { } outcome } done)
            {
                inFlight = null;
                await RecordAsync(done, outcome);
            }

            await outbox.Journal.CopyAsync(State, cancellationToken);
            if (inFlight is null)
            {
                await StartNextAsync();
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Storage unavailable (the change was not applied) or a bug: try again a little later, not in a tight loop.
            backoffUntil = outbox.Now + StepFailureBackoff;
            LogStepFailed(ex);
        }
        finally
        {
            Schedule();
        }
    }

    /// <summary>Starts the first due entry: records its intent if it must not run twice, then plans and hands it to the effect timer.</summary>
    private async Task StartNextAsync()
    {
        while (!outbox.Retired && State.Outbox.Head(outbox.Now) is { } head)
        {
            if (head.StartedAt is null && rules.NeedsIntentRecord(head.Work))
            {
                var id = head.Id;
                await outbox.UpdateAsync((state, now) => RecordIntent(state, id, now));
                freshIntent = id;
                continue; // a conflict may have reloaded the state: look at the head again
            }

            var attempt = new EffectAttempt(head.Id, head.Attempts, MayHaveRunBefore(head), head.CorrelationId, head.WaitingSince is not null);
            freshIntent = null;
            var plan = rules.Plan(State, head, outbox.Key);
            var started = new EffectInFlight<TCommand>(head.Id, rules.WorkKindOf(head.Work), attempt, plan.Command, head.Origin);
            if (plan.Outcome is { } settled)
            {
                await RecordAsync(started, settled);
                continue;
            }

            inFlight = started;
            stopping ??= new CancellationTokenSource();
            RequestTurn(effect: true);
            return;
        }
    }

    private bool MayHaveRunBefore(OutboxEntry<TWork> entry) =>
        entry.Attempts > 0 || (entry.StartedAt is not null && freshIntent != entry.Id);

    /// <summary>The effect's outbound call, in an interleaving turn: it touches no state, only the attempt it was given.</summary>
    private async Task PerformAsync(CancellationToken cancellationToken)
    {
        if (inFlight is not { Outcome: null, Performing: false, Command: { } command } attempt)
        {
            return;
        }

        attempt.Performing = true;
        var started = Stopwatch.GetTimestamp();
        attempt.Span = telemetry.Start(outbox.Key, attempt.Effect, attempt.WorkKind, attempt.Origin);
        using (telemetry.Scope(logger, outbox.Key, attempt.Effect))
        {
            try
            {
                attempt.Outcome = await DispatchAsync(command, attempt.Effect, cancellationToken);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                attempt.Outcome = EffectOutcome.Retry($"unexpected {ex.GetType().Name}");
                LogEffectCrashed(ex, attempt.EntryId);
            }
        }

        attempt.Elapsed = Stopwatch.GetElapsedTime(started);
        Schedule();
    }

    private async Task RecordAsync(EffectInFlight<TCommand> attempt, EffectOutcome outcome)
    {
        Recorded recorded;
        try
        {
            recorded = await outbox.UpdateAsync((state, now) =>
            {
                if (state.Outbox.Find(attempt.EntryId) is not { } entry)
                {
                    return new Recorded(null); // dropped meanwhile (superseded work)
                }

                var disposition = state.Outbox.Record(entry.Id, outcome, now, services.RetryPolicy, Random.Shared.NextDouble(), attempt.CredentialsRenewedMeanwhile);
                rules.Apply(state, new RecordedEffect<TWork>(entry, outcome, disposition, now, outbox.Key));
                return new Recorded(disposition);
            });
        }
        catch (GrainStateUnavailableException)
        {
            // The outcome is lost with the failed write; the entry runs again later (effects are idempotent or check first).
            EffectTelemetry.Lost(attempt.Span);
            throw;
        }

        if (recorded.Disposition is { } disposition)
        {
            telemetry.Recorded(attempt.Span, attempt.WorkKind, disposition, attempt.Elapsed);
            if (disposition == OutboxDisposition.Parked)
            {
                LogParked(attempt.EntryId, attempt.WorkKind);
            }
        }
        else
        {
            attempt.Span?.Dispose();
        }
    }
}
