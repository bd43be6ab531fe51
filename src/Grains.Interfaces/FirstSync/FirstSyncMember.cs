using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Interfaces.FirstSync;

/// <summary>
/// One person of an address as the first sync read and decided it: the action, what its Newsletter field held, and
/// the data the Maileon contact is made from if the address gets a double opt-in.
/// </summary>
[GenerateSerializer, Immutable, Alias("pm.FirstSyncMember")]
public sealed record FirstSyncMember
{
    [Id(0)] public required long PersonId { get; init; }
    [Id(1)] public required FirstSyncAction Action { get; init; }

    /// <summary>The meaning of the Newsletter value the scan read (null: empty or not recognised).</summary>
    [Id(2)] public NewsletterOption? FieldNow { get; init; }

    /// <summary>Why, in words, for the ledger.</summary>
    [Id(3)] public string Reason { get; init; } = string.Empty;

    [Id(4)] public string? Name { get; init; }
    [Id(5)] public string? FirstName { get; init; }
    [Id(6)] public string? LastName { get; init; }
    [Id(7)] public long? OrgId { get; init; }
    [Id(8)] public long? OwnerId { get; init; }

    /// <summary>The primary address as Pipedrive spelt it.</summary>
    [Id(9)] public string? Email { get; init; }
}
