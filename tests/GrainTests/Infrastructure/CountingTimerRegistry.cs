using Microsoft.Extensions.DependencyInjection;
using Orleans.Timers;

namespace PipedriveMaileon.GrainTests.Infrastructure;

/// <summary>A silo's timer registry that counts the grain timers it registers into <see cref="GrainTimerCounts"/>.</summary>
public sealed class CountingTimerRegistry(ITimerRegistry inner, GrainTimerCounts counts) : ITimerRegistry
{
    /// <summary>Wraps the registry Orleans registered in <paramref name="services"/> (call after Orleans' defaults are added).</summary>
    public static void Decorate(IServiceCollection services, GrainTimerCounts counts)
    {
        var original = services.Single(d => d.ServiceType == typeof(ITimerRegistry));
        var implementation = original.ImplementationType
            ?? throw new InvalidOperationException("Orleans' timer registry is expected to be registered by its type.");
        services.Remove(original);
        services.AddSingleton<ITimerRegistry>(sp => new CountingTimerRegistry((ITimerRegistry)ActivatorUtilities.CreateInstance(sp, implementation), counts));
    }

    [Obsolete("Orleans' own obsolete overload; counted like the other.")]
    public IDisposable RegisterTimer(IGrainContext grainContext, Func<object?, Task> callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(grainContext);
        counts.Add(grainContext.GrainId);
        return inner.RegisterTimer(grainContext, callback, state, dueTime, period);
    }

    public IGrainTimer RegisterGrainTimer<TState>(IGrainContext grainContext, Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(grainContext);
        counts.Add(grainContext.GrainId);
        return inner.RegisterGrainTimer(grainContext, callback, state, options);
    }
}
