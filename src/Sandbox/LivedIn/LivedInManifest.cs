using System.Text.Json;
using System.Text.Json.Serialization;

namespace PipedriveMaileon.Sandbox.LivedIn;

/// <summary>
/// What the lived-in fixture created and the truth tests check against: both companies, the shared Maileon account
/// (id, API key, the deal event types built to the seed's table), every person with its case and expected first-sync
/// outcome, every Maileon contact with its origin, and the deals. Serialised with <see cref="Json"/>.
/// </summary>
public sealed record LivedInManifest(
    int Seed,
    long MaileonAccountId,
    string MaileonApiKey,
    IReadOnlyList<string> TransactionTypes,
    IReadOnlyList<ManifestCompany> Companies,
    IReadOnlyList<ManifestPerson> Persons,
    IReadOnlyList<ManifestContact> Contacts,
    IReadOnlyList<ManifestDeal> Deals)
{
    /// <summary>camelCase properties, kebab-case enum values ("shared-with-other-company", "doi-mail").</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };
}
