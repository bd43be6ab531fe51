namespace PipedriveMaileon.Sandbox.LivedIn;

/// <summary>
/// A Maileon contact the fixture made. An unsubscribed one is anonymised (<see cref="Email"/> null); its address and
/// the external id it had are in <see cref="UnsubscribedEmail"/> and <see cref="ExternalId"/>, as the unsubscription
/// report names them. <see cref="PersonIds"/> are the persons (of both companies) whose primary address it is.
/// </summary>
public sealed record ManifestContact(
    long ContactId,
    string? Email,
    string? UnsubscribedEmail,
    string? ExternalId,
    int Permission,
    string? CreatedByPipedrive,
    ContactOrigin Origin,
    MaileonSide Side,
    IReadOnlyList<long> PersonIds);
