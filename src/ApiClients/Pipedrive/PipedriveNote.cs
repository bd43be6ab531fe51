using System.Text.Json;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>A note as <c>/api/v1/notes</c> returns it (the fields the app reads); <see cref="Content"/> is HTML.</summary>
public sealed record PipedriveNote(long Id, string? Content, long? PersonId, DateTimeOffset? UpdateTime)
{
    internal static PipedriveNote Parse(JsonElement data) => new(
        Id: JsonValues.Int64(data, "id") ?? throw new JsonException("The note has no id."),
        Content: JsonValues.String(data, "content"),
        PersonId: JsonValues.Int64(data, "person_id"),
        UpdateTime: JsonValues.Timestamp(data, "update_time"));
}
