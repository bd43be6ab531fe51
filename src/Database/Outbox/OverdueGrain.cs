namespace PipedriveMaileon.Database.Outbox;

/// <summary>A stored grain whose outbox work is overdue: its state name and key as the storage provider split it.</summary>
public sealed record OverdueGrain(string StateName, long KeyN1, string? KeyExtension, DateTimeOffset DueAt);
