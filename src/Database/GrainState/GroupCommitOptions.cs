using System.ComponentModel.DataAnnotations;

namespace PipedriveMaileon.Database.GrainState;

/// <summary>How the silo gathers grain state writes (configuration section <c>GrainStorage</c>).</summary>
public sealed class GroupCommitOptions
{
    public const string Section = "GrainStorage";

    /// <summary>Most writes in one call. 1 turns group commit off (every write is its own call).</summary>
    [Range(1, 1000)]
    public int MaxBatchSize { get; set; } = 64;

    /// <summary>
    /// Calls in flight at once (each holds a connection). Writes arriving while all are busy wait and form the next
    /// call; there is no timer, so a lone write is never held back. One: at saturation the batches are about twice as
    /// large as with two, so PostgreSQL commits (and the silo makes) half as many calls per write, and a write waits
    /// at most for the one call under way.
    /// </summary>
    [Range(1, 16)]
    public int MaxConcurrentBatches { get; set; } = 1;
}
