namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>
/// One of up to five extra Pipedrive person fields sent to Maileon as a custom field of the same name.
/// <see cref="OptionLabels"/> maps enum/set option ids to labels (sent as text).
/// </summary>
[GenerateSerializer, Immutable, Alias("pm.ExtraFieldConfig")]
public sealed record ExtraFieldConfig(
    [property: Id(0)] string PipedriveKey,
    [property: Id(1)] string Name,
    [property: Id(2)] string PipedriveFieldType,
    [property: Id(3)] string MaileonFieldType,
    [property: Id(4)] IReadOnlyDictionary<long, string> OptionLabels);
