namespace PipedriveMaileon.Grains.Outbox;

/// <summary>
/// What to do for the outbox entry at the head of the line: hand <see cref="Command"/> to the effect handler, or
/// settle the entry at once with <see cref="Outcome"/> (e.g. the work is no longer needed).
/// </summary>
public sealed class EffectPlan<TCommand>
{
    private EffectPlan(TCommand? command, EffectOutcome? outcome)
    {
        Command = command;
        Outcome = outcome;
    }

    public TCommand? Command { get; }

    public EffectOutcome? Outcome { get; }

    public static EffectPlan<TCommand> Call(TCommand command) => new(command ?? throw new ArgumentNullException(nameof(command)), null);

    public static EffectPlan<TCommand> Settle(EffectOutcome outcome) => new(default, outcome ?? throw new ArgumentNullException(nameof(outcome)));
}
