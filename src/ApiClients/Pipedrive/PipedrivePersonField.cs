using System.Text.Json;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>
/// A person field from <c>/api/v1/personFields</c>. <see cref="Key"/> is the company-specific 40-hex hash of a
/// custom field (or the name of a built-in one) and is the key in <see cref="PipedrivePerson.CustomFields"/>;
/// <see cref="Id"/> is what <c>DELETE /api/v1/personFields/{id}</c> takes.
/// </summary>
public sealed record PipedrivePersonField(
    long Id,
    string Key,
    string Name,
    string FieldType,
    bool IsCustom,
    bool IsActive,
    IReadOnlyList<PipedriveFieldOption> Options)
{
    public PipedriveFieldOption? OptionByLabel(string label) =>
        Options.FirstOrDefault(o => string.Equals(o.Label, label, StringComparison.Ordinal));

    public PipedriveFieldOption? OptionById(long id) => Options.FirstOrDefault(o => o.Id == id);

    internal static PipedrivePersonField? Parse(JsonElement data)
    {
        if (JsonValues.Int64(data, "id") is not { } id || JsonValues.String(data, "key") is not { } key)
        {
            return null;
        }

        return new PipedrivePersonField(
            Id: id,
            Key: key,
            Name: JsonValues.String(data, "name") ?? "",
            FieldType: JsonValues.String(data, "field_type") ?? "",
            IsCustom: JsonValues.Boolean(data, "edit_flag") ?? false,
            IsActive: JsonValues.Boolean(data, "active_flag") ?? true,
            // Some built-in fields use non-numeric option ids; no custom enum does, so those options are skipped.
            Options: JsonValues.Array(data, "options")
                .Select(o => JsonValues.Int64(o, "id") is { } optionId && JsonValues.String(o, "label") is { } label
                    ? new PipedriveFieldOption(optionId, label)
                    : null)
                .OfType<PipedriveFieldOption>()
                .ToArray());
    }
}
