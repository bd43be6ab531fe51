namespace PipedriveMaileon.Grains.Interfaces.Contacts;

/// <summary>
/// What a person's grain knows of the person from Pipedrive (webhooks and API reads), so that others — a deal event
/// naming the person — need not read the person again. <see cref="Known"/> is false until the grain has seen both the
/// person's name and e-mail addresses, and after the person was deleted (Pipedrive has the last word then).
/// </summary>
[GenerateSerializer, Immutable, Alias("pm.KnownPersonFacts")]
public sealed record KnownPersonFacts(
    [property: Id(0)] bool Known,
    [property: Id(1)] string? Name,
    [property: Id(2)] string? PrimaryEmail)
{
    public static KnownPersonFacts Unknown { get; } = new(false, null, null);
}
