using Microsoft.Extensions.DependencyInjection;
using PipedriveMaileon.Grains.Interfaces.Hosting;

namespace PipedriveMaileon.Grains.Outbox;

/// <summary>The registration of one outbox grain type, with its state, work, command and rules types.</summary>
internal sealed class OutboxRegistrationOf<TState, TWork, TCommand, TRules>(string grainType, OutboxKeyKind keyKind)
    : OutboxRegistration(grainType, keyKind)
    where TState : class, IOutboxState<TWork>, new()
    where TWork : class
    where TCommand : class
    where TRules : class, IOutboxRules<TState, TWork, TCommand>
{
    public override Type StateType => typeof(TState);

    public override Type WorkType => typeof(TWork);

    internal override object CreateOutbox(IGrainContext context)
    {
        var services = context.ActivationServices;
        var storage = services.GetRequiredService<IPersistentStateFactory>().Create<TState>(context, new StateConfiguration(GrainType));
        return new Outbox<TState, TWork, TCommand>(
            context,
            storage,
            this,
            services.GetRequiredService<OutboxServices>(),
            services.GetRequiredService<TRules>());
    }

    private sealed class StateConfiguration(string stateName) : IPersistentStateConfiguration
    {
        public string StateName { get; } = stateName;

        public string? StorageName => ClusterIdentity.StorageProvider;
    }
}
