namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>
/// One entry of <c>GET /reports/unsubscriptions</c>. Anonymised contacts may come without email or external id.
/// <see cref="Source"/> is e.g. <c>link</c>, <c>reply</c>, <c>api</c>.
/// </summary>
public sealed record MaileonUnsubscription(
    DateTimeOffset? Timestamp,
    long? ContactId,
    string? Email,
    string? ExternalId,
    long? MailingId,
    string? Source);
