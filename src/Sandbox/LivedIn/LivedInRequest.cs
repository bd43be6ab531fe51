namespace PipedriveMaileon.Sandbox.LivedIn;

/// <summary>
/// Body of <c>POST /_sandbox/livedin</c>; every property is optional. The same seed gives the same persons, labels,
/// addresses and Maileon contacts (and, in a fresh sandbox, the same ids).
/// </summary>
/// <param name="Seed">Seed of the random choices (default 12).</param>
/// <param name="Persons">Persons of the first company (default 5,000).</param>
/// <param name="SecondCompanyPersons">Persons of the second company sharing the Maileon account (default 500; 0: no second company).</param>
/// <param name="CompanyId">Id of the first company (default: the next free one).</param>
/// <param name="SecondCompanyId">Id of the second company (default: the next free one).</param>
/// <param name="MaileonAccountId">Seed into this existing account (e.g. 7997, the demo account) instead of a new one.</param>
/// <param name="MaileonApiKey">API key of the new account (default: derived from the seed).</param>
public sealed record LivedInRequest(
    int? Seed = null,
    int? Persons = null,
    int? SecondCompanyPersons = null,
    long? CompanyId = null,
    long? SecondCompanyId = null,
    long? MaileonAccountId = null,
    string? MaileonApiKey = null)
{
    public const int MaxPersons = 100_000;

    public int SeedValue => Seed ?? 12;

    public int PersonCount => Persons ?? 5_000;

    public int SecondPersonCount => SecondCompanyPersons ?? 500;

    public string? Problem() =>
        PersonCount is < 1 or > MaxPersons ? $"persons must be between 1 and {MaxPersons}."
        : SecondPersonCount is < 0 or > MaxPersons ? $"secondCompanyPersons must be between 0 and {MaxPersons}."
        : CompanyId is <= 0 || SecondCompanyId is <= 0 ? "Company ids must be positive."
        : CompanyId is not null && CompanyId == SecondCompanyId ? "The two companies need different ids."
        : MaileonApiKey is { Length: < 12 or > 265 } ? "A Maileon API key has 12 to 265 characters."
        : null;
}
