namespace PipedriveMaileon.Sandbox.Pipedrive.Model;

/// <summary>An option of an enum or set field.</summary>
public sealed record FieldOption(long Id, string Label);
