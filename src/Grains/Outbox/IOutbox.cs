namespace PipedriveMaileon.Grains.Outbox;

/// <summary>
/// A grain's stored state together with the side effects it still owes: a grain facet, given to the grain as a
/// constructor parameter marked <c>[Outbox(GrainTypes.X)]</c>.
/// <list type="bullet">
/// <item>The grain changes its state only through <see cref="UpdateAsync{T}"/>: the change and the work it queues are
/// stored in one write before the call returns, so an acknowledgement means "durably recorded". If the write fails,
/// memory is reloaded from storage (or the activation retires), so nothing unstored is ever acknowledged later.</item>
/// <item>Afterwards the outbox copies journal entries to their tables and performs the queued effects one at a time,
/// in order, through the command type's <see cref="IEffectHandler{TCommand}"/> (a message to another grain: through
/// the grain itself, <see cref="IGrainMessenger{TCommand}"/>), retrying, parking, or waiting for
/// credentials as the outcome says; the grain type's <see cref="IOutboxRules{TState, TWork, TCommand}"/> turn entries
/// into commands and apply outcomes.</item>
/// <item>One change at a time without a lock: every change runs in a non-interleaved turn (a grain call, or the
/// outbox's own step turn). Only the effect's outbound call runs in an interleaving turn, so a slow Maileon never
/// blocks the grain's requests; it touches no state, and its outcome is recorded by the next step turn.</item>
/// </list>
/// </summary>
public interface IOutbox<TState, TWork>
    where TState : class, IOutboxState<TWork>, new()
    where TWork : class
{
    /// <summary>The state as stored (read it anywhere; change it only inside a change function).</summary>
    TState State { get; }

    DateTimeOffset Now { get; }

    /// <summary>The entry whose effect is being performed right now: it must not be dropped or overtaken.</summary>
    long? InFlightEntryId { get; }

    /// <summary>
    /// Applies <paramref name="change"/> to the state and stores it (nothing is written when it reports no change). On a
    /// version conflict the state is read again and the change applied once more, so it must be a deterministic
    /// function of the state, its input and the time it is given. Call it from non-interleaved grain code only.
    /// </summary>
    /// <param name="correlationId">
    /// The event causing the change (a webhook's id): stored on the entries it queues, with the current trace context,
    /// so their effects can be traced back to it.
    /// </param>
    /// <exception cref="Interfaces.Hosting.GrainStateUnavailableException">The change could not be stored; it was not applied.</exception>
    Task<T> UpdateAsync<T>(Func<TState, DateTimeOffset, T> change, string? correlationId = null)
        where T : IStateChange;

    /// <inheritdoc cref="UpdateAsync{T}"/>
    Task<bool> UpdateAsync(Func<TState, DateTimeOffset, bool> change, string? correlationId = null);

    /// <summary>
    /// The same as <see cref="UpdateAsync{T}"/> for code running in an interleaving turn (e.g. a long-running timer):
    /// the change is applied by the outbox's next non-interleaved step turn, after the grain call in progress.
    /// </summary>
    Task<T> QueueUpdateAsync<T>(Func<TState, DateTimeOffset, T> change)
        where T : IStateChange;

    /// <summary>Puts parked entries back in line (a person asked to retry). Returns how many.</summary>
    Task<int> RetryParkedAsync();

    /// <summary>
    /// Runs the entries waiting for credentials now (the tenant's credentials were renewed). Returns how many. An attempt
    /// under way that is then refused for credentials goes again at once too, but is not counted: it was not waiting.
    /// </summary>
    Task<int> ResumeWaitingAsync();

    /// <summary>
    /// For the sweeper: activation already resumed the work, and an active grain asks for its next step again; if the
    /// stored state only still holds journal entries that are copied by now, it is written so the sweeper stops coming.
    /// </summary>
    Task WakeAsync();

    /// <summary>Runs the next step; the grain's <see cref="Interfaces.Hosting.IOutboxParticipant.RunOutboxStep"/> calls it.</summary>
    Task RunStepAsync();

    /// <summary>Performs the started effect; the grain's <see cref="Interfaces.Hosting.IOutboxParticipant.RunOutboxEffect"/> calls it.</summary>
    Task RunEffectAsync();
}
