namespace PipedriveMaileon.Grains.Reconciliation;

/// <summary>
/// Where one reconciliation source stands. Everything changed before <see cref="Checkpoint"/> is applied. A pass
/// reads the changes since the checkpoint up to <see cref="PassUntil"/> page by page; <see cref="NextPage"/> and
/// <see cref="Cursor"/> say where it continues (after a crash, or when a run stopped at its budget). When a pass ends
/// the checkpoint moves to <see cref="PassUntil"/> less the overlap. Stored as part of the grain state.
/// </summary>
public sealed record ScanCursor
{
    public DateTimeOffset? Checkpoint { get; init; }

    /// <summary>The upper bound of the pass in progress; null when no pass is in progress.</summary>
    public DateTimeOffset? PassUntil { get; init; }

    /// <summary>The 1-based page the pass continues with (paged sources).</summary>
    public int NextPage { get; init; } = 1;

    /// <summary>The opaque cursor the pass continues with (cursor-paged sources).</summary>
    public string? Cursor { get; init; }

    public bool InPass => PassUntil is not null;
}
