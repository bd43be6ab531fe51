using System.Text.Json.Serialization;

namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

/// <summary>
/// The value of one custom field, independent of the wire shape it came in (v2 webhook typed object, API v2 raw
/// value, v1 root-level string). Enum fields fill <see cref="OptionId"/>, set fields <see cref="OptionIds"/>;
/// other types put their value as invariant text in <see cref="Text"/> (numbers with '.', dates <c>yyyy-MM-dd</c>,
/// monetary amounts as the number with <see cref="Currency"/> apart, people/user/org fields as the id).
/// </summary>
[GenerateSerializer, Immutable, Alias("pm.PersonFieldValue")]
public sealed record PersonFieldValue
{
    public static PersonFieldValue Empty { get; } = new();

    [Id(0)] public long? OptionId { get; init; }
    [Id(1)] public IReadOnlyList<long> OptionIds { get; init; } = [];
    [Id(2)] public string? Text { get; init; }
    [Id(3)] public string? Currency { get; init; }

    [JsonIgnore]
    public bool IsEmpty => OptionId is null && OptionIds.Count == 0 && string.IsNullOrEmpty(Text);
}
