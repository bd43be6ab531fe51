using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PipedriveMaileon.Grains.Outbox;

/// <summary>
/// An outbox grain type as the silo knows it (registered with
/// <see cref="OutboxServiceCollectionExtensions.AddOutbox{TState, TWork, TCommand, TRules}"/>): it builds the grain's
/// outbox facet, and tells the sweeper how to turn a stored row back into the grain's id.
/// </summary>
public abstract class OutboxRegistration(string grainType, OutboxKeyKind keyKind)
{
    /// <summary>The grain type name, which is also the state name.</summary>
    public string GrainType { get; } = grainType;

    public OutboxKeyKind KeyKind { get; } = keyKind;

    public abstract Type StateType { get; }

    public abstract Type WorkType { get; }

    public GrainId ToGrainId(long keyN1, string? keyExtension) => KeyKind switch
    {
        OutboxKeyKind.Company => GrainId.Create(Orleans.Runtime.GrainType.Create(GrainType), GrainIdKeyExtensions.CreateIntegerKey(keyN1)),
        _ => GrainId.Create(Orleans.Runtime.GrainType.Create(GrainType), GrainIdKeyExtensions.CreateIntegerKey(keyN1, keyExtension)),
    };

    public OutboxKey KeyOf(GrainId grainId)
    {
        var n1 = grainId.GetIntegerKey(out var extension);
        return KeyKind == OutboxKeyKind.Company ? new OutboxKey(n1, n1) : new OutboxKey(Interfaces.CompanyKey.Parse(extension), n1);
    }

    /// <summary>Creates the facet for one activation.</summary>
    internal abstract object CreateOutbox(IGrainContext context);

    private OutboxShared? shared;

    /// <summary>What every activation of the grain type shares (made once: an idle activation should hold as little as possible).</summary>
    internal OutboxShared Shared(IServiceProvider services) =>
        shared ??= new OutboxShared(
            services.GetRequiredService<ILoggerFactory>().CreateLogger($"PipedriveMaileon.Grains.Outbox.{GrainType}"),
            new EffectTelemetry(GrainType, services.GetRequiredService<Hosting.GrainMetrics>()),
            $"outbox {GrainType}");
}
