namespace PipedriveMaileon.Sandbox.LivedIn;

/// <summary>
/// One person of the lived-in account and the truth about it: its addresses and Newsletter value, what Maileon holds
/// for its primary address, and what a correct first sync does with it.
/// </summary>
public sealed record ManifestPerson(
    long CompanyId,
    long PersonId,
    EmailShape Shape,
    NewsletterMark Mark,
    string? NewsletterLabel,
    IReadOnlyList<string> Emails,
    string? PrimaryEmail,
    MaileonSide Maileon,
    ContactOrigin? ContactOrigin,
    FirstSyncExpectation Expected);
