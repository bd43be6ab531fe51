using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>
/// What the Maileon account holds for an address: an active contact's permission, or an unsubscription (Maileon
/// anonymises unsubscribed contacts, so the unsubscription report is where the address is still named), or nothing.
/// </summary>
public sealed record MaileonAddressFacts(MaileonPermissionLevel? ActivePermission, bool Unsubscribed)
{
    public static MaileonAddressFacts Absent { get; } = new(null, false);

    public bool HasConfirmedDoubleOptIn => ActivePermission is MaileonPermissionLevel.DoubleOptIn or MaileonPermissionLevel.DoubleOptInPlus;

    /// <summary>
    /// Combines the active contact's permission (if there is one) with the unsubscription report. An active contact is
    /// newer than any unsubscription of its address (the unsubscribed contact was anonymised; a later subscription made a
    /// new one), so its permission counts; without one, a reported unsubscription makes the address unsubscribed.
    /// </summary>
    public static MaileonAddressFacts Of(MaileonPermissionLevel? activePermission, bool reportedUnsubscribed) =>
        activePermission is { } permission ? new MaileonAddressFacts(permission, false) : new MaileonAddressFacts(null, reportedUnsubscribed);
}
