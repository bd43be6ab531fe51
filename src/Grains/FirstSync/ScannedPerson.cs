using System.Text.Json.Serialization;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>
/// What the scan keeps of a person until the run: id, primary address as read, Newsletter meaning, and for marked
/// persons the data a Maileon contact is made from (a double opt-in creates it from them). Stored for every person of
/// the company (50,000 in a large account), hence the one-letter JSON names.
/// </summary>
public sealed record ScannedPerson(
    [property: JsonPropertyName("i")] long PersonId,
    [property: JsonPropertyName("e")] string? PrimaryEmail,
    [property: JsonPropertyName("m")] NewsletterOption? Meaning)
{
    [JsonPropertyName("n")] public string? Name { get; init; }
    [JsonPropertyName("f")] public string? FirstName { get; init; }
    [JsonPropertyName("l")] public string? LastName { get; init; }
    [JsonPropertyName("o")] public long? OrgId { get; init; }
    [JsonPropertyName("w")] public long? OwnerId { get; init; }
}
