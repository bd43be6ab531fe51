namespace PipedriveMaileon.Database.Schema;

/// <summary>The database is reachable but lacks migrations this build needs.</summary>
public sealed class SchemaNotReadyException(string message) : Exception(message);
