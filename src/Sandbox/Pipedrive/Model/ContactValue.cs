namespace PipedriveMaileon.Sandbox.Pipedrive.Model;

/// <summary>One entry of a person's <c>emails</c> or <c>phones</c>.</summary>
public sealed record ContactValue(string Value, bool Primary, string Label);
