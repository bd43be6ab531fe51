using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PipedriveMaileon.Grains.Outbox;

/// <summary>The pump's log messages and small helpers.</summary>
internal sealed partial class OutboxPump<TState, TWork, TCommand>
    where TState : class, IOutboxState<TWork>, new()
    where TWork : class
    where TCommand : class
{
    /// <summary>
    /// A message to another grain is sent by the owning grain (<see cref="IGrainMessenger{TCommand}"/>); every other
    /// command goes to the silo's effect handler.
    /// </summary>
    private Task<EffectOutcome> DispatchAsync(TCommand command, EffectAttempt attempt, CancellationToken cancellationToken) =>
        (context.GrainInstance as IGrainMessenger<TCommand>)?.TrySend(command)
        ?? (handler ??= context.ActivationServices.GetRequiredService<IEffectHandler<TCommand>>())
            .ExecuteAsync(new EffectRequest<TCommand>(outbox.Key, command, attempt), cancellationToken);

    private static bool RecordIntent(TState state, long entryId, DateTimeOffset now)
    {
        if (state.Outbox.Find(entryId) is not { } entry)
        {
            return false;
        }

        entry.StartedAt = now;
        return true;
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private readonly record struct Recorded(OutboxDisposition? Disposition) : IStateChange
    {
        public bool Changed => Disposition is not null;
    }

    /// <summary>Nothing due and nothing in flight: the pump gives back its timers (if work due later needed one) and itself.</summary>
    private void ReleaseTimers()
    {
        stepTimer?.Dispose();
        effectTimer?.Dispose();
        (stepTimer, effectTimer, handler) = (null, null, null);
        if (queued?.Any != true && backoffUntil <= outbox.Now)
        {
            outbox.Idle(this);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox entry {EntryId} threw; it will be retried")]
    private partial void LogEffectCrashed(Exception exception, long entryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox entry {EntryId} ({WorkKind}) parked; it waits for a person to retry it")]
    private partial void LogParked(long entryId, string workKind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An outbox turn could not be asked for by a call to the grain itself; a timer gives it")]
    private partial void LogTurnNotSent(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An outbox step failed; it runs again shortly")]
    private partial void LogStepFailed(Exception exception);
}
