using System.Text.Json.Nodes;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>The value to write into the "Maileon bounce" field (<see cref="Value"/> null clears it).</summary>
public sealed record BounceFlagWrite(string FieldKey, JsonNode? Value);
