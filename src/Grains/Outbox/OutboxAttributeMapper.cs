using System.Reflection;

namespace PipedriveMaileon.Grains.Outbox;

/// <summary>
/// Builds the <see cref="IOutbox{TState, TWork}"/> of a grain constructor parameter marked <see cref="OutboxAttribute"/>,
/// the way Orleans builds <c>[PersistentState]</c>: from the registration of the attribute's grain type.
/// </summary>
public sealed class OutboxAttributeMapper(IEnumerable<OutboxRegistration> registrations) : IAttributeToFactoryMapper<OutboxAttribute>
{
    private readonly Dictionary<string, OutboxRegistration> byGrainType = registrations.ToDictionary(r => r.GrainType, StringComparer.Ordinal);

    public Factory<IGrainContext, object> GetFactory(ParameterInfo parameter, OutboxAttribute metadata)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(metadata);
        if (!byGrainType.TryGetValue(metadata.GrainType, out var registration))
        {
            throw new InvalidOperationException($"No outbox is registered for grain type '{metadata.GrainType}' (parameter '{parameter.Name}' of {parameter.Member.DeclaringType}).");
        }

        var type = parameter.ParameterType;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IOutbox<,>)
            || type.GetGenericArguments()[0] != registration.StateType || type.GetGenericArguments()[1] != registration.WorkType)
        {
            throw new InvalidOperationException(
                $"Parameter '{parameter.Name}' of {parameter.Member.DeclaringType} must be IOutbox<{registration.StateType.Name}, {registration.WorkType.Name}>, " +
                $"as registered for grain type '{registration.GrainType}'.");
        }

        return registration.CreateOutbox;
    }
}
