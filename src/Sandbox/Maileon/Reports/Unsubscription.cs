namespace PipedriveMaileon.Sandbox.Maileon.Reports;

/// <summary>
/// One unsubscription as the <c>reports/unsubscriptions</c> resource lists it. Email and external id are the values
/// the contact had just before it was anonymised.
/// </summary>
public sealed class Unsubscription
{
    public long ContactId { get; set; }
    public string? Email { get; set; }
    public string? ExternalId { get; set; }
    public DateTimeOffset Timestamp { get; set; }

    /// <summary><c>link</c> (mail link), <c>api</c> (REST call), <c>manual</c> (console).</summary>
    public string Source { get; set; } = "api";

    public long? MailingId { get; set; }
    public long? MessageId { get; set; }
    public List<string> Reasons { get; set; } = [];
}
