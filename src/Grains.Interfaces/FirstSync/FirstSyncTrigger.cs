namespace PipedriveMaileon.Grains.Interfaces.FirstSync;

/// <summary>
/// Setup succeeded with the Maileon account <see cref="MaileonAccountId"/>: a first sync is due on the first install,
/// after a re-install (an uninstall came in between) and for another Maileon account; a repeated setup of the same
/// installation and account changes nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("pm.FirstSyncTrigger")]
public sealed record FirstSyncTrigger([property: Id(0)] long MaileonAccountId);
