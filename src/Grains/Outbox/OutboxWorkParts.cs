using Microsoft.Extensions.Logging;

namespace PipedriveMaileon.Grains.Outbox;

/// <summary>
/// The outbox's pump and journal, which exist only while there is work: most activations are idle, and an idle one
/// should hold no more than its state.
/// </summary>
internal sealed partial class Outbox<TState, TWork, TCommand>
    where TState : class, IOutboxState<TWork>, new()
    where TWork : class
    where TCommand : class
{
    internal OutboxJournal Journal => journal ??= new OutboxJournal(Key, services.Journal, services.Time, shared.Logger);

    /// <summary>When journal entries wait to be copied; null when none are stored (without creating the journal).</summary>
    internal DateTimeOffset? JournalDueAt() =>
        State.HasJournalEntries() ? Journal.DueAt(State) : null;

    /// <summary>Sets the pump going when anything is due; with no pump and nothing due there is nothing to set.</summary>
    private void Schedule()
    {
        if (pump is not null || State.Outbox.NextDueAt() is not null || JournalDueAt() is not null)
        {
            Pump().Schedule();
        }
    }

    private OutboxPump<TState, TWork, TCommand> Pump() =>
        pump ??= new OutboxPump<TState, TWork, TCommand>(this, context, rules, shared.Telemetry, services, shared.Logger);

    /// <summary>
    /// The pump gave its timers back with nothing in flight or queued: with no entry left it holds nothing worth
    /// keeping, nor does the journal with no entry stored (the next work creates both again).
    /// </summary>
    internal void Idle(OutboxPump<TState, TWork, TCommand> idlePump)
    {
        if (ReferenceEquals(pump, idlePump) && State.Outbox.Entries.Count == 0)
        {
            pump = null;
        }

        if (!State.HasJournalEntries())
        {
            journal = null;
        }
    }

    private readonly record struct Flag(bool Value) : IStateChange
    {
        bool IStateChange.Changed => Value;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A state write failed; the change was not applied and the caller gets a retryable error")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage unreachable after a failed write; retiring this activation")]
    private static partial void LogRetired(ILogger logger, Exception exception);
}
