namespace PipedriveMaileon.Grains.Interfaces.FirstSync;

/// <summary>
/// The persons of one address as a first sync decided them, handed to the address's grain in one call: the address
/// decides once (one double opt-in mail at most) and tells each person what to show.
/// </summary>
[GenerateSerializer, Immutable, Alias("pm.FirstSyncGroup")]
public sealed record FirstSyncGroup
{
    /// <summary>Identifies the first sync (one per installation and Maileon account); a repeat of a group is a duplicate.</summary>
    [Id(0)] public required string SyncId { get; init; }

    /// <summary>When the scan started: a change the address saw later is newer than what the scan read, and wins.</summary>
    [Id(1)] public required DateTimeOffset ScannedFrom { get; init; }

    [Id(2)] public required IReadOnlyList<FirstSyncMember> Members { get; init; }
}
