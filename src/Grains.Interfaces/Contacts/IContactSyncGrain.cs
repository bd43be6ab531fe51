using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Grains.Interfaces.Contacts;

/// <summary>
/// One Pipedrive person of one tenant (key: person id, extension: company id). Serialises everything that happens
/// to the person's subscription; each accepted event and the work it causes are stored in one write before the
/// call returns.
/// </summary>
public interface IContactSyncGrain : IGrainWithIntegerCompoundKey
{
    Task<IngressOutcome> AcceptPerson(PersonEvent personEvent);

    Task<IngressOutcome> AcceptMaileon(MaileonEvent maileonEvent);

    /// <summary>Reconciliation found a fact the webhooks missed (same rules as the webhook, source "reconciliation").</summary>
    Task<IngressOutcome> Reconcile(MaileonEvent maileonEvent);

    /// <summary>
    /// Reconciliation read the person from Pipedrive (webhooks may have been lost): a Newsletter request the grain
    /// never saw is applied with the person's <c>update_time</c> as its time; it never re-subscribes.
    /// </summary>
    Task<IngressOutcome> ReconcilePerson(PersonSnapshot person);

    /// <summary>Another person was merged into this one; it hands over what it knew.</summary>
    Task AdoptMerged(MergedContact merged);

    Task<ContactView> GetView();

    /// <summary>The person's name and primary address as the grain last saw them (a deal event's lookup asks here before Pipedrive).</summary>
    Task<KnownPersonFacts> GetKnownPerson();

    /// <summary>Puts parked side effects back in line. Returns how many.</summary>
    Task<int> RetryParked();

    /// <summary>The unsubscribes of this person that Maileon has not had yet (an uninstall sends them first).</summary>
    Task<IReadOnlyList<PendingUnsubscribe>> PendingUnsubscribes();
}
