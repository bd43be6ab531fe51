using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.UnitTests.Engagement;

/// <summary>Report rows as the Maileon client reads them, for the engagement rule tests.</summary>
internal static class Rows
{
    public static readonly DateTimeOffset At = new(2026, 5, 27, 6, 54, 41, TimeSpan.Zero);

    public static MaileonTrackingEvent Open(string email, long mailing = 4317, int second = 0, long message = 3_100_001) =>
        new(MaileonTrackingKind.Open, At.AddSeconds(second), 15_975_220, email, null, false, mailing, message);

    public static MaileonTrackingEvent Click(string email, string url, long mailing = 4317, int second = 0, long message = 3_100_001, long? linkId = null) =>
        new(MaileonTrackingKind.Click, At.AddSeconds(second), 15_975_220, email, null, false, mailing, message, linkId ?? (700 + url.Length), url);

    public static MaileonTrackingEvent Bounce(string email, bool hard = true, long mailing = 4317, int second = 0) =>
        new(MaileonTrackingKind.Bounce, At.AddSeconds(second), 15_975_220, email, null, false, mailing, 3_100_001, BounceType: hard ? "permanent" : "transient", StatusCode: hard ? "5.1.1" : "4.2.2");

    public static MaileonTrackingEvent Anonymous(MaileonTrackingKind kind = MaileonTrackingKind.Open, long mailing = 4317) =>
        new(kind, At, null, null, null, true, mailing, 3_100_009);
}
