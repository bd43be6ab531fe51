namespace PipedriveMaileon.Grains.Interfaces.FirstSync;

/// <summary>
/// Setup succeeded for an installation and a Maileon account: a first sync is due once per pair (first install,
/// re-install, another Maileon account).
/// </summary>
[GenerateSerializer, Immutable, Alias("pm.FirstSyncTrigger")]
public sealed record FirstSyncTrigger(
    [property: Id(0)] int InstallationEpoch,
    [property: Id(1)] long MaileonAccountId,
    [property: Id(2)] bool Reinstall);
