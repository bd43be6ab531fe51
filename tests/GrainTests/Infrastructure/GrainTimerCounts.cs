using System.Collections.Concurrent;

namespace PipedriveMaileon.GrainTests.Infrastructure;

/// <summary>
/// How many grain timers each grain registered, on any silo of a cluster (<see cref="CountingTimerRegistry"/>): Orleans
/// keeps a timer's bookkeeping on the activation until it deactivates, so which work needs a timer is a memory question.
/// </summary>
public sealed class GrainTimerCounts
{
    private readonly ConcurrentDictionary<GrainId, int> registered = new();

    public int For(GrainId grain) => registered.GetValueOrDefault(grain);

    internal void Add(GrainId grain) => registered.AddOrUpdate(grain, 1, (_, n) => n + 1);
}
