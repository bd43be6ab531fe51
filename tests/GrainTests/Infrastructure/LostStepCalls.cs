using System.Collections.Concurrent;
using PipedriveMaileon.Grains.Interfaces.Hosting;

namespace PipedriveMaileon.GrainTests.Infrastructure;

/// <summary>An incoming call filter that swallows the next outbox step call of the grains it is told, as a lost message would be.</summary>
public sealed class LostStepCalls : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<GrainId, bool> toLose = new();
    private int lost;

    public int Lost => Volatile.Read(ref lost);

    public void LoseNext(GrainId grain) => toLose[grain] = true;

    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.MethodName == nameof(IOutboxParticipant.RunOutboxStep) && toLose.TryRemove(context.TargetId, out _))
        {
            Interlocked.Increment(ref lost);
            return Task.CompletedTask;
        }

        return context.Invoke();
    }
}
