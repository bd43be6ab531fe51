namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>An option of an enum or set field; the id is what person custom field values carry.</summary>
public sealed record PipedriveFieldOption(long Id, string Label);
