using System.Text.Json;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>Person fields and their options (scope <c>contact-fields:full</c>).</summary>
public sealed partial class PipedriveApiClient
{
    private const int PersonFieldsPageSize = 100;
    private const int MaxPersonFieldPages = 50;

    /// <summary>All person fields, following <c>start</c>/<c>limit</c> pagination of <c>GET /api/v1/personFields</c>.</summary>
    public async Task<IReadOnlyList<PipedrivePersonField>> ListPersonFieldsAsync(
        PipedriveConnection connection,
        CancellationToken cancellationToken = default)
    {
        var fields = new List<PipedrivePersonField>();
        long start = 0;
        for (var page = 0; page < MaxPersonFieldPages; page++)
        {
            var query = new QueryString().Add("start", start).Add("limit", (long)PersonFieldsPageSize);
            using var document = await SendAsync(
                connection, "ListPersonFields", HttpMethod.Get, "/api/v1/personFields" + query, null, false, false, cancellationToken);
            var root = document!.RootElement;
            fields.AddRange(JsonValues.Array(root, "data").Select(PipedrivePersonField.Parse).OfType<PipedrivePersonField>());

            // The spec's example nests the pagination under additional_data.pagination, its schema does not.
            var additional = JsonValues.Property(root, "additional_data");
            var pagination = additional is { } a ? JsonValues.Property(a, "pagination") ?? a : (JsonElement?)null;
            if (pagination is not { } p || JsonValues.Boolean(p, "more_items_in_collection") != true)
            {
                return fields;
            }

            var next = JsonValues.Int64(p, "next_start") ?? start + PersonFieldsPageSize;
            if (next <= start)
            {
                return fields;
            }

            start = next;
        }

        return fields;
    }

    /// <summary><c>POST /api/v1/personFields</c>. Not repeated on failure: a lost response would create a duplicate.</summary>
    public async Task<PipedrivePersonField> CreatePersonFieldAsync(
        PipedriveConnection connection,
        PipedrivePersonFieldDefinition definition,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var body = WriteJson(writer =>
        {
            writer.WriteString("name", definition.Name);
            writer.WriteString("field_type", definition.FieldType);
            if (definition.OptionLabels.Count > 0)
            {
                writer.WriteStartArray("options");
                foreach (var label in definition.OptionLabels)
                {
                    writer.WriteStartObject();
                    writer.WriteString("label", label);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            if (definition.AddVisibleFlag is { } visible)
            {
                writer.WriteBoolean("add_visible_flag", visible);
            }
        });
        using var document = await SendAsync(connection, "CreatePersonField", HttpMethod.Post, "/api/v1/personFields", body, false, false, cancellationToken);
        return PipedrivePersonField.Parse(Data(document!, "CreatePersonField"))
            ?? throw Unexpected("CreatePersonField", "the created field has no id or key");
    }

    /// <summary><c>DELETE /api/v1/personFields/{id}</c>; false when the field was already gone.</summary>
    public async Task<bool> DeletePersonFieldAsync(PipedriveConnection connection, long fieldId, CancellationToken cancellationToken = default)
    {
        using var document = await SendAsync(
            connection, "DeletePersonField", HttpMethod.Delete, $"/api/v1/personFields/{Id(fieldId)}", null, true, false, cancellationToken);
        return document is not null;
    }

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
