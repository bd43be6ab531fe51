namespace PipedriveMaileon.Sandbox.Maileon.Reports;

/// <summary>
/// An open, click or bounce of one message of a mailing, as the reports list it. <see cref="Personal"/> says whether
/// Maileon tied it to the contact: opens and clicks only with single-user tracking (permission DOI+ when it
/// happened), bounces always. A contact anonymised later (unsubscribed) makes every row of it anonymous.
/// </summary>
public sealed class TrackingEvent
{
    public const string Open = "open";
    public const string Click = "click";
    public const string Bounce = "bounce";

    public long Id { get; set; }

    /// <summary><see cref="Open"/>, <see cref="Click"/> or <see cref="Bounce"/>.</summary>
    public string Kind { get; set; } = Open;

    public long ContactId { get; set; }
    public long MailingId { get; set; }
    public long MessageId { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    public bool Personal { get; set; }

    /// <summary><c>html</c> or <c>text</c> (opens and clicks).</summary>
    public string Format { get; set; } = "html";

    /// <summary><c>UNKNOWN</c>, <c>COMPUTER</c>, <c>TABLET</c> or <c>MOBILE</c> (opens and clicks).</summary>
    public string DeviceType { get; set; } = "COMPUTER";

    public long? LinkId { get; set; }
    public string? LinkUrl { get; set; }

    /// <summary><c>permanent</c> (hard) or <c>transient</c> (soft), bounces only.</summary>
    public string? BounceType { get; set; }

    /// <summary>Enhanced status code <c>digit.digit.digit</c>, bounces only.</summary>
    public string? StatusCode { get; set; }

    /// <summary><c>mta-listener</c> or <c>reply</c>, bounces only.</summary>
    public string? Source { get; set; }
}
