using System.Text.Json;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>An organization from <c>GET /api/v2/organizations/{id}</c>.</summary>
public sealed record PipedriveOrganization(
    long Id,
    string? Name,
    long? OwnerId,
    bool IsDeleted,
    DateTimeOffset? UpdateTime,
    IReadOnlyDictionary<string, JsonElement> CustomFields)
{
    internal static PipedriveOrganization Parse(JsonElement data) => new(
        Id: JsonValues.Int64(data, "id") ?? throw new JsonException("The organization has no id."),
        Name: JsonValues.String(data, "name"),
        OwnerId: JsonValues.Int64(data, "owner_id"),
        IsDeleted: JsonValues.Boolean(data, "is_deleted") ?? false,
        UpdateTime: JsonValues.Timestamp(data, "update_time"),
        CustomFields: JsonValues.ObjectProperties(data, "custom_fields"));
}
