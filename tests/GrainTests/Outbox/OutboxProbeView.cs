namespace PipedriveMaileon.GrainTests.Outbox;

[GenerateSerializer, Immutable]
public sealed record OutboxProbeView(
    [property: Id(0)] IReadOnlyList<string> Pending,
    [property: Id(1)] IReadOnlyList<string> Parked,
    [property: Id(2)] IReadOnlyList<string> Completed,
    [property: Id(3)] int StoredJournalEntries,
    [property: Id(4)] DateTimeOffset? OutboxDueAt,
    [property: Id(5)] IReadOnlyList<string> WaitingForCredentials);
