namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>A Pipedrive person field an admin may choose as an extra field, and whether Maileon can take its name.</summary>
[GenerateSerializer, Immutable, Alias("pm.PersonFieldChoice")]
public sealed record PersonFieldChoice(
    [property: Id(0)] string Key,
    [property: Id(1)] string Name,
    [property: Id(2)] string FieldType,
    [property: Id(3)] bool IsCustom,
    [property: Id(4)] string? UnusableReason);
