using Orleans.Concurrency;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.FirstSync;
using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Grains.Interfaces.Identity;

/// <summary>
/// One e-mail address of one tenant (key: company id, address key as the extension; see
/// <see cref="GrainFactoryExtensions.Address"/>): its consent, the persons whose primary address it is, and the Maileon
/// work for it (one double opt-in, one unsubscribe, however many persons share it). Maileon facts reach it by address
/// (<see cref="MaileonEventRouting"/>), never by external id; it tells each of its persons what to show.
/// </summary>
public interface IAddressGrain : IGrainWithIntegerCompoundKey
{
    /// <summary>A Maileon webhook (DOI confirmed, unsubscribed) for this address.</summary>
    Task<IngressOutcome> AcceptMaileon(MaileonEvent maileonEvent);

    /// <summary>The same fact found by reconciliation (ledger source "reconciliation").</summary>
    Task<IngressOutcome> Reconcile(MaileonEvent maileonEvent);

    /// <summary>A person's request, arrival, departure or hand-over (from the person's outbox).</summary>
    Task<IngressOutcome> Tell(AddressMessage message);

    /// <summary>The first sync's decision for the persons of this address.</summary>
    Task ApplyFirstSync(FirstSyncGroup group);

    /// <summary>The address index: which persons of the tenant have this primary address, and its consent.</summary>
    [AlwaysInterleave]
    Task<AddressView> GetView();

    /// <summary>Puts parked Maileon calls back in line. Returns how many.</summary>
    Task<int> RetryParked();

    /// <summary>The unsubscribes of this address that Maileon has not had yet (an uninstall sends them first).</summary>
    Task<IReadOnlyList<PendingUnsubscribe>> PendingUnsubscribes();
}
