namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

/// <summary>
/// A Maileon webhook: the contact's e-mail and external id (URL parameters we registered), and what the optional
/// JSON body added. <see cref="EventId"/> is derived from kind, contact and timestamp so a re-delivery is recognised.
/// </summary>
[GenerateSerializer, Immutable, Alias("pm.MaileonEvent")]
public sealed record MaileonEvent
{
    [Id(0)] public required MaileonEventKind Kind { get; init; }
    [Id(1)] public required string Email { get; init; }

    /// <summary>Our external id, <c>pd-{companyId}-{personId}</c>, when Maileon sent one.</summary>
    [Id(2)] public string? ExternalId { get; init; }
    [Id(3)] public long? MaileonContactId { get; init; }

    /// <summary>When Maileon says it happened; null when the webhook did not say (then the receipt time is used).</summary>
    [Id(4)] public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The mailing that caused an unsubscribe, or the DOI mailing, when Maileon sent it.</summary>
    [Id(5)] public string? MailingId { get; init; }
    [Id(6)] public required string EventId { get; init; }
}
