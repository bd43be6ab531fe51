using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.GrainTests.Infrastructure;

/// <summary>
/// Keeps the effects that only call another grain (a person telling its address, an address telling its persons) as
/// the product performs them, and hands every API call to the fake, which records and answers it.
/// </summary>
public sealed class HoppingEffects<TCommand>(FakeEffects<TCommand> fake, Func<IGrainFactory> grains, Func<IGrainFactory, EffectRequest<TCommand>, Task<EffectOutcome>?> hop)
    : IEffectHandler<TCommand>
    where TCommand : class
{
    public Task<EffectOutcome> ExecuteAsync(EffectRequest<TCommand> request, CancellationToken cancellationToken) =>
        hop(grains(), request) ?? fake.ExecuteAsync(request, cancellationToken);
}
