using System.Text.Json;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>
/// A person as API v2 returns it. <see cref="CustomFields"/> holds the raw JSON value of each custom field keyed
/// by the field's 40-hex key (enum: option id number; set: array of ids; text: string; number: number; unset: absent
/// or null), for the caller to interpret with the field definitions.
/// </summary>
public sealed record PipedrivePerson(
    long Id,
    string? Name,
    string? FirstName,
    string? LastName,
    long? OwnerId,
    long? OrganizationId,
    DateTimeOffset? AddTime,
    DateTimeOffset? UpdateTime,
    IReadOnlyList<PipedriveEmail> Emails,
    bool IsDeleted,
    IReadOnlyDictionary<string, JsonElement> CustomFields)
{
    /// <summary>The email flagged primary, else the first non-empty one.</summary>
    public string? PrimaryEmail =>
        (Emails.FirstOrDefault(e => e.Primary && !string.IsNullOrWhiteSpace(e.Value))
         ?? Emails.FirstOrDefault(e => !string.IsNullOrWhiteSpace(e.Value)))?.Value;

    /// <summary>The raw value of a custom field, or null when it is absent or JSON null.</summary>
    public JsonElement? CustomField(string key) =>
        CustomFields.TryGetValue(key, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>The option id of a single-option (enum) field. Also reads the <c>{"id":..}</c> form returned with option labels.</summary>
    public long? EnumOptionId(string key) => CustomField(key) is { } value ? JsonValues.AsInt64(value) : null;

    internal static PipedrivePerson Parse(JsonElement data) => new(
        Id: JsonValues.Int64(data, "id") ?? throw new JsonException("The person has no id."),
        Name: JsonValues.String(data, "name"),
        FirstName: JsonValues.String(data, "first_name"),
        LastName: JsonValues.String(data, "last_name"),
        OwnerId: JsonValues.Int64(data, "owner_id"),
        OrganizationId: JsonValues.Int64(data, "org_id"),
        AddTime: JsonValues.Timestamp(data, "add_time"),
        UpdateTime: JsonValues.Timestamp(data, "update_time"),
        Emails: JsonValues.Array(data, "emails")
            .Select(e => JsonValues.String(e, "value") is { } value
                ? new PipedriveEmail(value, JsonValues.Boolean(e, "primary") ?? false, JsonValues.String(e, "label"))
                : null)
            .OfType<PipedriveEmail>()
            .ToArray(),
        IsDeleted: JsonValues.Boolean(data, "is_deleted") ?? false,
        CustomFields: JsonValues.ObjectProperties(data, "custom_fields"));
}
