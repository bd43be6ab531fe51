using PipedriveMaileon.Database.GrainState;

namespace PipedriveMaileon.IntegrationTests.Storage;

/// <summary>Passes calls to the real store and counts them, to see that writes were gathered.</summary>
public sealed class CountingExecutor(IGrainStateWriteExecutor inner) : IGrainStateWriteExecutor
{
    private int calls;
    private int writes;

    public int Calls => calls;

    public int Writes => writes;

    public Task<IReadOnlyList<int?>> WriteAsync(IReadOnlyList<GrainStateWrite> batch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        Interlocked.Add(ref writes, batch.Count);
        return inner.WriteAsync(batch, cancellationToken);
    }
}
