namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>
/// A contact from <c>GET /contacts/email/{email}</c> or the <c>GET /contacts</c> list. Field values are as Maileon sent them; a requested standard
/// field without value is present with null, a requested custom field without value is absent.
/// </summary>
public sealed record MaileonContact(
    long? Id,
    string? Email,
    string? ExternalId,
    MaileonPermissionLevel? Permission,
    DateTime? Created,
    DateTime? Updated,
    IReadOnlyDictionary<string, string?> StandardFields,
    IReadOnlyDictionary<string, string?> CustomFields)
{
    /// <summary>Permission 4 or 5: the contact confirmed a double opt-in.</summary>
    public bool HasConfirmedDoubleOptIn => Permission is MaileonPermissionLevel.DoubleOptIn or MaileonPermissionLevel.DoubleOptInPlus;

    /// <summary>Maileon marked the contact <c>anonymous="true"</c> (unsubscribed and anonymised).</summary>
    public bool Anonymous { get; init; }
}
