namespace PipedriveMaileon.Grains.Outbox;

/// <summary>
/// Performs the effects of one command type (a silo-wide singleton holding the API clients and the tenant's
/// connection). It sees only the request, never the grain's state, and reports what happened as an
/// <see cref="EffectOutcome"/>; exceptions count as transient failures. It may run while the grain handles other
/// requests, so it must not call back into its own grain.
/// </summary>
public interface IEffectHandler<TCommand>
{
    Task<EffectOutcome> ExecuteAsync(EffectRequest<TCommand> request, CancellationToken cancellationToken);
}
