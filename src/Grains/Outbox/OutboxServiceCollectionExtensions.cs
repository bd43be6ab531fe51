using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PipedriveMaileon.Grains.Outbox;

public static class OutboxServiceCollectionExtensions
{
    /// <summary>
    /// Registers the outbox of grain type <paramref name="grainType"/> (its <c>[Outbox(...)]</c> constructor parameter),
    /// its rules, and the sweeper's way back to it after a crash. The effect handler of <typeparamref name="TCommand"/>
    /// is registered separately (<see cref="IEffectHandler{TCommand}"/>), so tests can replace it.
    /// </summary>
    public static IServiceCollection AddOutbox<TState, TWork, TCommand, TRules>(this IServiceCollection services, string grainType, OutboxKeyKind keyKind)
        where TState : class, IOutboxState<TWork>, new()
        where TWork : class
        where TCommand : class
        where TRules : class, IOutboxRules<TState, TWork, TCommand>
    {
        services.TryAddSingleton<IAttributeToFactoryMapper<OutboxAttribute>, OutboxAttributeMapper>();
        services.TryAddSingleton<TRules>();
        services.AddSingleton<OutboxRegistration>(new OutboxRegistrationOf<TState, TWork, TCommand, TRules>(grainType, keyKind));
        return services;
    }
}
