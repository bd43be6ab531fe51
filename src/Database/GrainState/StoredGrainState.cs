namespace PipedriveMaileon.Database.GrainState;

/// <summary>A stored row: its payload (null when cleared) and its version, the grain's ETag.</summary>
public sealed record StoredGrainState(byte[]? Payload, int Version);
