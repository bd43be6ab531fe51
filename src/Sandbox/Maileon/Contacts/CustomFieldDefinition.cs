namespace PipedriveMaileon.Sandbox.Maileon.Contacts;

/// <summary>A custom contact field of an account: case-sensitive name and one of string/integer/float/date/boolean.</summary>
public sealed class CustomFieldDefinition
{
    public string Name { get; set; } = string.Empty;
    public string Type { get; set; } = "string";
}
