namespace PipedriveMaileon.Grains.Interfaces.Contacts;

/// <summary>An unsubscribe of a person's address that Maileon has not had yet: still in line, or parked after it failed.</summary>
[GenerateSerializer, Immutable, Alias("pm.PendingUnsubscribe")]
public sealed record PendingUnsubscribe(
    [property: Id(0)] long PersonId,
    [property: Id(1)] string Email,
    [property: Id(2)] bool Parked,
    [property: Id(3)] string? LastError);
