namespace PipedriveMaileon.Grains.Outbox;

/// <summary>One effect for a handler to perform: for whom, what (a command the grain type's rules made from its state), which attempt.</summary>
public sealed record EffectRequest<TCommand>(OutboxKey Key, TCommand Command, EffectAttempt Attempt)
{
    public long CompanyId => Key.CompanyId;
}
