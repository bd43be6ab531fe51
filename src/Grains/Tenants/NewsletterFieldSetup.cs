using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>
/// The setup step for the Newsletter person field: the field the tenant already uses (by key), else an existing
/// "Newsletter" field (the incumbent app's or an admin's), adopted (<see cref="NewsletterFieldAdoption"/>: missing
/// options added, existing ones kept and mapped), else a new field with the app's four options.
/// </summary>
public static class NewsletterFieldSetup
{
    /// <returns>The field to use (null when none can be used) and the step's detail for the settings page.</returns>
    public static async Task<(NewsletterFieldConfig? Config, string Detail)> EnsureAsync(
        PipedriveApiClient pipedrive, PipedriveConnection connection, NewsletterFieldConfig? known, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipedrive);
        var fields = await pipedrive.ListPersonFieldsAsync(connection, cancellationToken);
        var field = (known is { } k ? fields.FirstOrDefault(f => f.Key == k.Key && f.IsActive) : null) ?? NewsletterFieldAdoption.Candidate(fields);
        if (field is null)
        {
            var created = await pipedrive.CreatePersonFieldAsync(
                connection,
                new PipedrivePersonFieldDefinition(NewsletterFieldDefinition.Name, NewsletterFieldDefinition.FieldType, [.. NewsletterFieldDefinition.Labels.Values]),
                cancellationToken);
            var config = Config(created, NewsletterFieldAdoption.Adopt(created));
            return config.OptionIds.Count == NewsletterFieldDefinition.Labels.Count
                ? (config, known is null ? "Created the person field \"Newsletter\"." : "The Newsletter field had been deleted in Pipedrive and was created again; earlier values on persons are gone.")
                : throw new InvalidOperationException("Pipedrive created the Newsletter field without its options.");
        }

        var adoption = NewsletterFieldAdoption.Adopt(field);
        if (!adoption.Adoptable)
        {
            return (null, $"{adoption.Problem} Rename or delete that field in Pipedrive, then repair setup: the app then creates its own.");
        }

        var complete = adoption.Complete;
        if (!complete)
        {
            var added = await pipedrive.AddPersonFieldOptionsAsync(connection, field.Key, [.. adoption.ToAdd.Values], cancellationToken);
            field = field with { Options = [.. field.Options, .. added] };
            adoption = NewsletterFieldAdoption.Adopt(field) with { Description = adoption.Description };
            if (!adoption.Complete)
            {
                return (null, "Pipedrive did not add the missing options to the Newsletter field; setup tries again on its next run.");
            }
        }

        var mine = known?.Key == field.Key;
        return (Config(field, adoption), mine && complete
            ? $"Present (key {field.Key[..8]}…)."
            : $"{(mine ? "Using" : "Adopted")} the existing person field \"{field.Name}\" (key {field.Key[..8]}…): {string.Join(" ", adoption.Description)}");
    }

    private static NewsletterFieldConfig Config(PipedrivePersonField field, NewsletterFieldAdoptionResult adoption) =>
        new(field.Key, field.Id, adoption.WriteOptions, adoption.Meanings, adoption.Description);
}
