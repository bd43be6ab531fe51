namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>A page of the company's persons as the scan keeps them; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record FirstSyncPage(IReadOnlyList<ScannedPerson> Persons, string? NextCursor);
