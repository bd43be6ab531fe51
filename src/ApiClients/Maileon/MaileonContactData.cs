namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>
/// The body of a contact create/update: external id and field values, already formatted as Maileon expects
/// (booleans <c>true</c>/<c>false</c>, dates <c>yyyy-MM-dd</c>). Values are clipped to 255 code points; a null value
/// leaves the field out (Maileon keeps what it has), an empty string clears it. The email is never in the body.
/// </summary>
public sealed record MaileonContactData(
    string? ExternalId,
    IReadOnlyDictionary<string, string?> StandardFields,
    IReadOnlyDictionary<string, string?> CustomFields);
