namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>
/// The tenant's Newsletter person field in Pipedrive: its 40-hex key, the option the app writes for each meaning
/// (<see cref="OptionIds"/>), and, for a field the app adopted (an incumbent's or an admin's), what every recognised
/// option means when read (<see cref="ReadMeanings"/>: several options may mean one thing, e.g. "Unsubscribe" and
/// "Unsubscribed") and the sentences the settings page shows about it (<see cref="Mapping"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("pm.NewsletterFieldConfig")]
public sealed record NewsletterFieldConfig(
    [property: Id(0)] string Key,
    [property: Id(1)] long FieldId,
    [property: Id(2)] IReadOnlyDictionary<NewsletterOption, long> OptionIds,
    [property: Id(3)] IReadOnlyDictionary<long, NewsletterOption>? ReadMeanings = null,
    [property: Id(4)] IReadOnlyList<string>? Mapping = null)
{
    /// <summary>What an option means to the app; null for an option it does not recognise (the person was not asked).</summary>
    public NewsletterOption? MeaningOf(long optionId) =>
        ReadMeanings is not null && ReadMeanings.TryGetValue(optionId, out var meaning)
            ? meaning
            : OptionIds.Where(o => o.Value == optionId).Select(o => (NewsletterOption?)o.Key).FirstOrDefault();
}
