namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>
/// One row of <c>GET /reports/opens</c>, <c>/clicks</c> or <c>/bounces</c> (the fields of the official client's
/// <c>Open</c>, <c>Click</c>, <c>Bounce</c> and <c>ReportContact</c> models). An anonymous row (no single-user
/// tracking, or the contact was anonymised) names no contact. <see cref="Timestamp"/> is Maileon's zone-less time read
/// as UTC; <see cref="BounceType"/> is <c>permanent</c> (hard) or <c>transient</c> (soft).
/// </summary>
public sealed record MaileonTrackingEvent(
    MaileonTrackingKind Kind,
    DateTimeOffset? Timestamp,
    long? ContactId,
    string? Email,
    string? ExternalId,
    bool Anonymous,
    long? MailingId,
    long? MessageId,
    long? LinkId = null,
    string? LinkUrl = null,
    string? BounceType = null,
    string? StatusCode = null)
{
    public bool IsHardBounce => Kind == MaileonTrackingKind.Bounce && string.Equals(BounceType, "permanent", StringComparison.Ordinal);
}
