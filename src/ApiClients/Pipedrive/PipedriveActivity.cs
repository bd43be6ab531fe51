using System.Text.Json;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>An activity as API v2 returns it (the fields the app reads); <see cref="Note"/> is HTML.</summary>
public sealed record PipedriveActivity(
    long Id,
    string? Subject,
    string? Type,
    long? PersonId,
    bool Done,
    string? Note,
    DateTimeOffset? UpdateTime,
    bool IsDeleted)
{
    internal static PipedriveActivity Parse(JsonElement data) => new(
        Id: JsonValues.Int64(data, "id") ?? throw new JsonException("The activity has no id."),
        Subject: JsonValues.String(data, "subject"),
        Type: JsonValues.String(data, "type"),
        PersonId: JsonValues.Int64(data, "person_id"),
        Done: JsonValues.Boolean(data, "done") ?? false,
        Note: JsonValues.String(data, "note"),
        UpdateTime: JsonValues.Timestamp(data, "update_time"),
        IsDeleted: JsonValues.Boolean(data, "is_deleted") ?? false);
}
