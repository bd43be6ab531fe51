using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Timers;
using PipedriveMaileon.Grains.Interfaces.Hosting;

namespace PipedriveMaileon.Grains.Outbox;

/// <summary>
/// Performs an outbox's effects one at a time, in order, with two grain timers and no lock:
/// <list type="bullet">
/// <item>the <em>step</em> timer does not interleave, so it runs like a grain call, never beside another change: it
/// records the last outcome, applies changes queued from interleaved code, copies the journal, stores the intent
/// record of an effect that must not run twice, and hands the next due entry to the effect timer;</item>
/// <item>the <em>effect</em> timer interleaves, so requests keep being served while it awaits the outbound call; it
/// reads only the command the step gave it, and asks for a step when the outcome is in.</item>
/// </list>
/// At most one effect is in flight, so a grain's effects keep their order.
/// </summary>
internal sealed partial class OutboxPump<TState, TWork, TCommand>(
    Outbox<TState, TWork, TCommand> outbox,
    IGrainContext context,
    IOutboxRules<TState, TWork, TCommand> rules,
    EffectTelemetry telemetry,
    RetryPolicy policy,
    ILogger logger)
    where TState : class, IOutboxState<TWork>, new()
    where TWork : class
    where TCommand : class
{
    private static readonly TimeSpan StepFailureBackoff = TimeSpan.FromSeconds(5);

    private IGrainTimer? stepTimer;
    private IGrainTimer? effectTimer;
    private IEffectHandler<TCommand>? handler;
    private EffectInFlight<TCommand>? inFlight;
    /// <summary>Changes from interleaved code (created when first needed: most grains never queue one).</summary>
    private QueuedChanges<TState, TWork>? queued;

    /// <summary>The entry whose start the last step stored and that has not been attempted since.</summary>
    private long? freshIntent;
    private DateTimeOffset backoffUntil;

    public long? InFlightEntryId => inFlight?.EntryId;

    private TState State => outbox.State;

    /// <summary>Sets the step timer for the next work (at once when an outcome or a queued change waits).</summary>
    public void Schedule()
    {
        if (outbox.Retired)
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

        // Most activations never have work: they never get a timer.
        (stepTimer ??= Register(StepAsync, interleave: false)).Change(TimeSpan.FromTicks(Math.Max(0, (at - outbox.Now).Ticks)), Timeout.InfiniteTimeSpan);
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
            (effectTimer ??= Register(PerformAsync, interleave: true)).Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            return;
        }
    }

    private static bool RecordIntent(TState state, long entryId, DateTimeOffset now)
    {
        if (state.Outbox.Find(entryId) is not { } entry)
        {
            return false;
        }

        entry.StartedAt = now;
        return true;
    }

    private bool MayHaveRunBefore(OutboxEntry<TWork> entry) =>
        entry.Attempts > 0 || (entry.StartedAt is not null && freshIntent != entry.Id);

    /// <summary>The effect's outbound call, in an interleaving turn: it touches no state, only the attempt it was given.</summary>
    private async Task PerformAsync(CancellationToken cancellationToken)
    {
        if (inFlight is not { Outcome: null, Command: { } command } attempt)
        {
            return;
        }

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

                var disposition = state.Outbox.Record(entry.Id, outcome, now, policy, Random.Shared.NextDouble(), attempt.CredentialsRenewedMeanwhile);
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

    private IGrainTimer Register(Func<CancellationToken, Task> callback, bool interleave) =>
        context.ActivationServices.GetRequiredService<ITimerRegistry>().RegisterGrainTimer(
            context,
            static (callback, cancellationToken) => callback(cancellationToken),
            callback,
            new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) { Interleave = interleave, KeepAlive = true });
}
