using PipedriveMaileon.Grains.Interfaces.Contacts;

namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>
/// What an uninstall did with the unsubscribes still owed to Maileon: how many were sent first, and those that could
/// not be (they stay in the persons' outboxes, are recorded in their consent ledgers, and go out after a re-install).
/// </summary>
[GenerateSerializer, Immutable, Alias("pm.UninstallReport")]
public sealed record UninstallReport(
    [property: Id(0)] int UnsubscribesSent,
    [property: Id(1)] IReadOnlyList<PendingUnsubscribe> NotSent)
{
    public static UninstallReport Nothing { get; } = new(0, []);
}
