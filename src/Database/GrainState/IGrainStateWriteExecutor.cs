namespace PipedriveMaileon.Database.GrainState;

/// <summary>Commits several grains' writes in one round trip and one transaction.</summary>
public interface IGrainStateWriteExecutor
{
    /// <summary>
    /// Per write, in the given order: the new version, or null when the version check failed (nothing was written
    /// for that grain). Throws when the transaction failed: then nothing of the batch may be taken as stored.
    /// </summary>
    Task<IReadOnlyList<int?>> WriteAsync(IReadOnlyList<GrainStateWrite> writes, CancellationToken cancellationToken);
}
