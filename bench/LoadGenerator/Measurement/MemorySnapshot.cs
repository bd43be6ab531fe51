namespace PipedriveMaileon.LoadGenerator.Measurement;

/// <summary>Resident set and managed heap of a group of processes right after a forced full GC (null: not readable).</summary>
public sealed record MemorySnapshot(long? RssBytes, long? HeapBytes);
