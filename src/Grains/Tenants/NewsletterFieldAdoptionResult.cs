using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>
/// How an existing "Newsletter" field is taken over: what each option means when read (<see cref="Meanings"/>),
/// which option the app writes for each meaning (<see cref="WriteOptions"/>), the options to add for meanings the
/// field lacks (existing options are all kept), and the sentences the settings page shows.
/// </summary>
public sealed record NewsletterFieldAdoptionResult(
    bool Adoptable,
    string? Problem,
    IReadOnlyDictionary<long, NewsletterOption> Meanings,
    IReadOnlyDictionary<NewsletterOption, long> WriteOptions,
    IReadOnlyDictionary<NewsletterOption, string> ToAdd,
    IReadOnlyList<string> Description)
{
    /// <summary>Complete once nothing is left to add: the field then holds an option for every meaning.</summary>
    public bool Complete => Adoptable && ToAdd.Count == 0;

    public NewsletterOption? MeaningOf(long? optionId) => optionId is { } id && Meanings.TryGetValue(id, out var meaning) ? meaning : null;

    public static NewsletterFieldAdoptionResult NotAdoptable(string problem) =>
        new(false, problem, new Dictionary<long, NewsletterOption>(), new Dictionary<NewsletterOption, long>(),
            new Dictionary<NewsletterOption, string>(), [problem]);
}
