namespace PipedriveMaileon.Sandbox.Maileon.Contacts;

/// <summary>A Maileon contact. After an unsubscribe it stays, anonymised, reachable by id only.</summary>
public sealed class MaileonContact
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public string? Email { get; set; }
    public string? ExternalId { get; set; }
    public DateTimeOffset Created { get; set; }
    public DateTimeOffset Updated { get; set; }
    public int Permission { get; set; } = Contacts.Permission.None;
    public bool Anonymous { get; set; }

    /// <summary>Standard field values by upper-case name.</summary>
    public Dictionary<string, string> StandardFields { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Custom field values (canonical text form) by case-sensitive name.</summary>
    public Dictionary<string, string> CustomFields { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The DOI mail whose confirmation link is still waiting to be followed, if any.</summary>
    public long? PendingDoiMailId { get; set; }

    public string? Src { get; set; }
    public string? SubscriptionPage { get; set; }
}
