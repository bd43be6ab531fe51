using PipedriveMaileon.Grains.Hosting;

namespace PipedriveMaileon.Grains.Outbox;

/// <summary>
/// Marks a grain constructor parameter of type <see cref="IOutbox{TState, TWork}"/>: the outbox registered for
/// <paramref name="grainType"/> (use the <see cref="GrainTypes"/> constant the grain's <c>[GrainType]</c> uses). Its
/// state is stored under that name, and the sweeper finds the grain again by it.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class OutboxAttribute(string grainType) : Attribute, IFacetMetadata
{
    public string GrainType { get; } = grainType;
}
