using PipedriveMaileon.ApiClients.Errors;

namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>
/// Maileon's report for one submitted event, in input order. <see cref="Queued"/> false with a
/// <see cref="Message"/> means the event was rejected (e.g. unknown contact, invalid attribute).
/// <see cref="NotSent"/> is set when Maileon gave no report for the event: <see cref="ApiFailureKind.Rejected"/>
/// when the client refused it (larger than a request may be), otherwise the kind of the failed request. After a
/// transient failure without response the event may still have landed: check it by transaction id.
/// </summary>
public sealed record MaileonTransactionReport(
    bool Queued,
    string? Message,
    string? TransactionId,
    long? ContactId,
    string? ContactEmail,
    string? ContactExternalId,
    ApiFailureKind? NotSent = null);
