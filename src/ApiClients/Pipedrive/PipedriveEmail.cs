namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>One entry of a person's <c>emails</c>.</summary>
public sealed record PipedriveEmail(string Value, bool Primary, string? Label);
