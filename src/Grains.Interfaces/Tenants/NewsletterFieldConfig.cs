namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>The tenant's Newsletter person field as created in Pipedrive: its 40-hex key and option ids.</summary>
[GenerateSerializer, Immutable, Alias("pm.NewsletterFieldConfig")]
public sealed record NewsletterFieldConfig(
    [property: Id(0)] string Key,
    [property: Id(1)] long FieldId,
    [property: Id(2)] IReadOnlyDictionary<NewsletterOption, long> OptionIds)
{
    public NewsletterOption? MeaningOf(long optionId) =>
        OptionIds.Where(o => o.Value == optionId).Select(o => (NewsletterOption?)o.Key).FirstOrDefault();
}
