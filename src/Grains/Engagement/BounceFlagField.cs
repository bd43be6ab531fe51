using PipedriveMaileon.ApiClients.Pipedrive;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// The person field that shows a hard bounce, so admins can filter persons whose address does not accept mail:
/// an <c>enum</c> field "Maileon bounce" with the option "Hard bounce". An existing active custom field of that name
/// (any case) is adopted when it is an enum or set field with that option; one of another type, or without the option,
/// is reported and left alone (the app never changes a field someone else made).
/// </summary>
public static class BounceFlagField
{
    public const string Name = "Maileon bounce";
    public const string FieldType = "enum";
    public const string HardBounceOption = "Hard bounce";

    /// <summary>The definition the app creates when the company has no such field.</summary>
    public static PipedrivePersonFieldDefinition Definition => new(Name, FieldType, [HardBounceOption]);

    public static BounceFlagAdoption Adopt(IEnumerable<PipedrivePersonField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var named = fields.Where(f => f.IsActive && f.IsCustom && string.Equals(f.Name.Trim(), Name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (named.Count == 0)
        {
            return BounceFlagAdoption.Missing;
        }

        foreach (var field in named.Where(f => f.FieldType is "enum" or "set").OrderBy(f => f.FieldType == "enum" ? 0 : 1).ThenBy(f => f.Id))
        {
            if (field.Options.FirstOrDefault(o => string.Equals(o.Label.Trim(), HardBounceOption, StringComparison.OrdinalIgnoreCase)) is { } option)
            {
                return BounceFlagAdoption.Adopted(field.Key, option.Id, field.FieldType == "set");
            }
        }

        return BounceFlagAdoption.Unusable(
            $"A person field named \"{Name}\" exists but is not a single-option field with the option \"{HardBounceOption}\"; " +
            "hard bounces are shown on the timeline only. Rename that field to let the app create its own.");
    }
}
