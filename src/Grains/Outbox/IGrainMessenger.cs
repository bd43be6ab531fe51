namespace PipedriveMaileon.Grains.Outbox;

/// <summary>
/// Implemented by a grain whose outbox holds messages to other grains (a person telling its address, an address
/// telling a person): the grain sends them itself. A grain call is not an external effect: it needs no API client and
/// no tenant connection, so it does not go through the silo's <see cref="IEffectHandler{TCommand}"/>. It is still an
/// outbox entry like any effect: stored in the write that records its cause, sent after the acknowledgement in order
/// with the grain's other effects, its outcome recorded and retried as it says.
/// <para>
/// The outbox calls <see cref="TrySend"/> in its effect turn, which interleaves: it may read nothing of the grain's
/// state but the command, and the grain it calls must record the message and answer without calling back into a
/// grain that waits on it (the receivers reply through their own outboxes, whose effect turns interleave too).
/// </para>
/// </summary>
public interface IGrainMessenger<in TCommand>
    where TCommand : class
{
    /// <summary>
    /// Sends <paramref name="command"/> when it is a message to another grain; null when it is an external effect,
    /// which the effect handler performs. An unreachable receiver (a silo lost) is
    /// <see cref="EffectOutcome.RetryHop"/>: tried again after about a second, never parked.
    /// </summary>
    Task<EffectOutcome>? TrySend(TCommand command);
}
