using System.Text.Json;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>One item of <c>GET /api/v2/persons/search</c>. The search item carries emails as plain strings.</summary>
public sealed record PipedrivePersonSearchHit(
    long Id,
    string? Name,
    IReadOnlyList<string> Emails,
    long? OwnerId,
    long? OrganizationId,
    string? OrganizationName,
    double? ResultScore)
{
    internal static PipedrivePersonSearchHit? Parse(JsonElement entry)
    {
        if (JsonValues.Property(entry, "item") is not { } item || JsonValues.Int64(item, "id") is not { } id)
        {
            return null;
        }

        var organization = JsonValues.Property(item, "organization");
        return new PipedrivePersonSearchHit(
            Id: id,
            Name: JsonValues.String(item, "name"),
            Emails: JsonValues.Array(item, "emails")
                .Select(e => e.ValueKind == JsonValueKind.Object ? JsonValues.String(e, "value") : JsonValues.AsString(e))
                .OfType<string>()
                .ToArray(),
            OwnerId: JsonValues.Property(item, "owner") is { } owner ? JsonValues.Int64(owner, "id") : null,
            OrganizationId: organization is { } org ? JsonValues.Int64(org, "id") : null,
            OrganizationName: organization is { } named ? JsonValues.String(named, "name") : null,
            ResultScore: JsonValues.Double(entry, "result_score"));
    }
}
