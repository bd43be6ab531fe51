using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>
/// Takes over a "Newsletter" person field that exists already (the incumbent app's, or one an admin made) instead of
/// refusing it: options with recognised labels (<see cref="NewsletterLabelCatalogue"/>) get their meaning, meanings
/// without an option get one added (in German when the field's recognised labels are German), nothing is removed or
/// renamed, and options the app does not recognise mean "not asked": persons with them are left alone.
/// </summary>
public static class NewsletterFieldAdoption
{
    /// <summary>The field to adopt: an active custom person field named "Newsletter" (any case), single-option ones first.</summary>
    public static PipedrivePersonField? Candidate(IEnumerable<PipedrivePersonField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return fields.Where(f => f.IsActive && f.IsCustom && NewsletterLabelCatalogue.Fold(f.Name) == "newsletter")
            .OrderBy(f => f.FieldType == "enum" ? 0 : 1).ThenBy(f => f.Id).FirstOrDefault();
    }

    public static NewsletterFieldAdoptionResult Adopt(PipedrivePersonField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.FieldType != "enum")
        {
            return NewsletterFieldAdoptionResult.NotAdoptable(
                $"The person field \"{field.Name}\" is a {field.FieldType} field, not a single-option one, so the app cannot read or write it as the Newsletter field.");
        }

        var recognised = field.Options.Select(o => (Option: o, Label: NewsletterLabelCatalogue.Recognise(o.Label))).ToList();
        var meanings = recognised.Where(r => r.Label is not null).ToDictionary(r => r.Option.Id, r => r.Label!.Meaning);
        var write = recognised.Where(r => r.Label is not null)
            .GroupBy(r => r.Label!.Meaning)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Label!.NamesState ? 0 : 1).First().Option.Id);
        var german = recognised.Count(r => r.Label is { German: true }) > recognised.Count(r => r.Label is { German: false });
        var labels = german ? NewsletterLabelCatalogue.German : NewsletterLabelCatalogue.English;
        var toAdd = Enum.GetValues<NewsletterOption>().Where(m => !write.ContainsKey(m)).ToDictionary(m => m, m => labels[m]);
        return new NewsletterFieldAdoptionResult(true, null, meanings, write, toAdd, Describe(field, meanings, write, toAdd));
    }

    private static List<string> Describe(
        PipedrivePersonField field,
        Dictionary<long, NewsletterOption> meanings,
        Dictionary<NewsletterOption, long> write,
        Dictionary<NewsletterOption, string> toAdd)
    {
        var lines = new List<string>();
        foreach (var meaning in Enum.GetValues<NewsletterOption>().Where(write.ContainsKey))
        {
            var options = field.Options.Where(o => meanings.TryGetValue(o.Id, out var m) && m == meaning).ToList();
            var quoted = string.Join(", ", options.Select(o => $"\"{o.Label}\""));
            var written = options.Count > 1 ? $" (the app writes \"{field.OptionById(write[meaning])!.Label}\")" : string.Empty;
            lines.Add($"{quoted} {(options.Count > 1 ? "mean" : "means")} {Meaning(meaning)}{written}.");
        }

        lines.AddRange(toAdd.Select(a => $"Added the option \"{a.Value}\" for {Meaning(a.Key)}."));
        lines.AddRange(field.Options.Where(o => !meanings.ContainsKey(o.Id))
            .Select(o => $"\"{o.Label}\" is not an option the app recognises: persons with it are treated as not asked and left alone."));
        return lines;
    }

    private static string Meaning(NewsletterOption meaning) => meaning switch
    {
        NewsletterOption.Subscribe => "a request to subscribe (a double opt-in mail goes out)",
        NewsletterOption.AwaitingConfirmation => "awaiting confirmation (the app sets it after the double opt-in mail)",
        NewsletterOption.Subscribed => "subscribed (the app sets it after the confirmation)",
        _ => "unsubscribed (the app sets it after an unsubscribe; chosen by a user, it asks for one)",
    };
}
