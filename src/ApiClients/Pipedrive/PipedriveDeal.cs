using System.Text.Json;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>
/// A deal from <c>GET /api/v2/deals/{id}?include_fields=smart_bcc_email</c>. Owner, person and organization are
/// plain ids in v2; their names need separate calls.
/// </summary>
public sealed record PipedriveDeal(
    long Id,
    string? Title,
    decimal? Value,
    string? Currency,
    string? Status,
    long? PersonId,
    long? OrganizationId,
    long? OwnerId,
    long? CreatorUserId,
    long? PipelineId,
    long? StageId,
    DateTimeOffset? AddTime,
    DateTimeOffset? UpdateTime,
    DateTimeOffset? CloseTime,
    DateOnly? ExpectedCloseDate,
    bool IsDeleted,
    bool IsArchived,
    string? SmartBccEmail,
    IReadOnlyDictionary<string, JsonElement> CustomFields)
{
    internal static PipedriveDeal Parse(JsonElement data) => new(
        Id: JsonValues.Int64(data, "id") ?? throw new JsonException("The deal has no id."),
        Title: JsonValues.String(data, "title"),
        Value: JsonValues.Decimal(data, "value"),
        Currency: JsonValues.String(data, "currency"),
        Status: JsonValues.String(data, "status"),
        PersonId: JsonValues.Int64(data, "person_id"),
        OrganizationId: JsonValues.Int64(data, "org_id"),
        OwnerId: JsonValues.Int64(data, "owner_id"),
        CreatorUserId: JsonValues.Int64(data, "creator_user_id"),
        PipelineId: JsonValues.Int64(data, "pipeline_id"),
        StageId: JsonValues.Int64(data, "stage_id"),
        AddTime: JsonValues.Timestamp(data, "add_time"),
        UpdateTime: JsonValues.Timestamp(data, "update_time"),
        CloseTime: JsonValues.Timestamp(data, "close_time"),
        ExpectedCloseDate: JsonValues.Date(data, "expected_close_date"),
        IsDeleted: JsonValues.Boolean(data, "is_deleted") ?? false,
        IsArchived: JsonValues.Boolean(data, "is_archived") ?? false,
        // v1 called it cc_email; accept it in case an emulator or an old response still uses that name.
        SmartBccEmail: JsonValues.String(data, "smart_bcc_email") ?? JsonValues.String(data, "cc_email"),
        CustomFields: JsonValues.ObjectProperties(data, "custom_fields"));
}
