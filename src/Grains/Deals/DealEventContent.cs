using System.Text.Json.Nodes;

namespace PipedriveMaileon.Grains.Deals;

/// <summary>The content of one deal event in the types its event type declares, and notes for the activity log.</summary>
public sealed record DealEventContent(JsonObject Content, IReadOnlyList<string> Notes);
