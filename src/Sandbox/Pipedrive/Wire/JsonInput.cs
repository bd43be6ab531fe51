using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PipedriveMaileon.Sandbox.Pipedrive.Wire;

/// <summary>Lenient readers for request JSON: numbers may arrive as numbers or numeric strings.</summary>
public static class JsonInput
{
    public static long? Int64(JsonNode? node) => node switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number) => number,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var real) && real == Math.Floor(real) => (long)real,
        JsonValue value when value.GetValueKind() == JsonValueKind.String
            && long.TryParse(value.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    public static decimal? Decimal(JsonNode? node) => node switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.GetValue<decimal>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.String
            && decimal.TryParse(value.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    public static string? String(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static bool IsNull(JsonNode? node) => node is null || (node is JsonValue value && value.GetValueKind() == JsonValueKind.Null);

    public static async Task<(JsonObject? Body, string? Error)> ReadObjectAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            return (null, "JSON body expected");
        }

        try
        {
            var node = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return node is JsonObject body ? (body, null) : (null, "JSON object expected");
        }
        catch (JsonException)
        {
            return (null, "Malformed JSON");
        }
    }
}
