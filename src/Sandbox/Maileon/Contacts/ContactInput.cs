namespace PipedriveMaileon.Sandbox.Maileon.Contacts;

/// <summary>What a contact write (XML or JSON body) asks to set; a null value clears the field.</summary>
public sealed class ContactInput
{
    public string? Email { get; set; }
    public bool ExternalIdGiven { get; set; }
    public string? ExternalId { get; set; }

    /// <summary>Standard fields by the name as sent (validated and upper-cased later).</summary>
    public Dictionary<string, string?> StandardFields { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string?> CustomFields { get; } = new(StringComparer.Ordinal);
}
