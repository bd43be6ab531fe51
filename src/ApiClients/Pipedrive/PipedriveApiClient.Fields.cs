using System.Text.Json;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>Changes to an existing person field's options (API v2; scope <c>contact-fields:full</c>).</summary>
public sealed partial class PipedriveApiClient
{
    /// <summary>
    /// <c>POST /api/v2/personFields/{field_code}/options</c>: adds options (atomic; existing options stay). Not repeated
    /// on failure: a lost response would add them twice; the caller lists the field again before trying once more.
    /// </summary>
    public async Task<IReadOnlyList<PipedriveFieldOption>> AddPersonFieldOptionsAsync(
        PipedriveConnection connection, string fieldKey, IReadOnlyList<string> labels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fieldKey);
        ArgumentNullException.ThrowIfNull(labels);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var label in labels)
            {
                writer.WriteStartObject();
                writer.WriteString("label", label);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        using var document = await SendAsync(
            connection, "AddPersonFieldOptions", HttpMethod.Post, $"/api/v2/personFields/{Uri.EscapeDataString(fieldKey)}/options",
            buffer.ToArray(), false, false, cancellationToken);
        return [.. JsonValues.Array(document!.RootElement, "data")
            .Select(o => JsonValues.Int64(o, "id") is { } id && JsonValues.String(o, "label") is { } label ? new PipedriveFieldOption(id, label) : null)
            .OfType<PipedriveFieldOption>()];
    }
}
