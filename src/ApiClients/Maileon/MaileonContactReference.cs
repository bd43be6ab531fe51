namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>Identifies the existing contact a transaction belongs to: by email, external id or Maileon id.</summary>
public sealed record MaileonContactReference
{
    private MaileonContactReference(string? email, string? externalId, long? contactId)
    {
        Email = email;
        ExternalId = externalId;
        ContactId = contactId;
    }

    public string? Email { get; }

    public string? ExternalId { get; }

    public long? ContactId { get; }

    public static MaileonContactReference ByEmail(string email)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        return new(email, null, null);
    }

    public static MaileonContactReference ByExternalId(string externalId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(externalId);
        return new(null, externalId, null);
    }

    public static MaileonContactReference ById(long contactId) => new(null, null, contactId);
}
