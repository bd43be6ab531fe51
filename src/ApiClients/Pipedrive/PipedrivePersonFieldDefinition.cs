namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>The body of <c>POST /api/v1/personFields</c>.</summary>
/// <param name="Name">Label shown to users.</param>
/// <param name="FieldType">e.g. <c>enum</c>, <c>varchar</c>, <c>set</c>, <c>double</c>.</param>
/// <param name="OptionLabels">Required for <c>enum</c> and <c>set</c>; Pipedrive assigns the option ids.</param>
/// <param name="AddVisibleFlag">Whether the field shows in the "add person" dialog; omitted when null.</param>
public sealed record PipedrivePersonFieldDefinition(
    string Name,
    string FieldType,
    IReadOnlyList<string> OptionLabels,
    bool? AddVisibleFlag = null);
