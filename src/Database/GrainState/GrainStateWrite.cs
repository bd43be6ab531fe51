namespace PipedriveMaileon.Database.GrainState;

/// <summary>
/// One grain's state write: stored only if the row's version is still <see cref="ExpectedVersion"/> (null: the row must
/// not exist yet). A null <see cref="Payload"/> clears the state (the row stays, with its version moved on).
/// </summary>
public sealed record GrainStateWrite(GrainStateKey Key, int? ExpectedVersion, byte[]? Payload);
