using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>
/// Which Pipedrive person fields can be sent to Maileon as a custom field of the same name, and as which type.
/// Maileon names are 3–64 characters and may not be a standard field or reserved word; the app's own fields are
/// taken.
/// </summary>
public static class ExtraFieldRules
{
    public const int MaxExtraFields = 5;

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        // standard contact fields
        "ADDRESS", "BIRTHDAY", "CITY", "COUNTRY", "FIRSTNAME", "FULLNAME", "GENDER", "HNR", "LASTNAME", "LOCALE",
        "NAMEDAY", "ORGANIZATION", "REGION", "SALUTATION", "STATE", "TITLE", "ZIP", "PERMISSION_STATUS", "SENDOUT_STATUS",
        "CUSTOM_SOURCE", "CHECKSUM",
        // reserved words
        "id", "created", "external_id", "local_part", "permission_type", "permission_status", "sendout_status", "updated", "email",
    };

    private static readonly HashSet<string> Unsendable = new(StringComparer.Ordinal) { "people", "org", "user", "address", "daterange", "timerange", "visible_to", "picture" };

    public static string? UnusableReason(PipedrivePersonField field)
    {
        if (field.Name.Length is < 3 or > 64)
        {
            return "Maileon field names are 3 to 64 characters long";
        }

        if (Reserved.Contains(field.Name) || TenantSetupRunner.StandardCustomFields.Any(f => string.Equals(f.Name, field.Name, StringComparison.OrdinalIgnoreCase)))
        {
            return "the name is reserved in Maileon or already used by the app";
        }

        if (Unsendable.Contains(field.FieldType))
        {
            return $"{field.FieldType} fields have no Maileon equivalent";
        }

        return null;
    }

    public static MaileonCustomFieldType MaileonType(string pipedriveFieldType) => pipedriveFieldType switch
    {
        "double" or "monetary" => MaileonCustomFieldType.Float,
        "int" => MaileonCustomFieldType.Integer,
        "date" => MaileonCustomFieldType.Date,
        "boolean" => MaileonCustomFieldType.Boolean,
        _ => MaileonCustomFieldType.String,
    };

    public static ExtraFieldConfig ToConfig(PipedrivePersonField field) => new(
        field.Key,
        field.Name,
        field.FieldType,
        MaileonType(field.FieldType).ToString().ToLowerInvariant(),
        field.Options.ToDictionary(o => o.Id, o => o.Label));
}
