using PipedriveMaileon.Grains.Interfaces.Identity;
using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Grains.Interfaces.Contacts;

/// <summary>
/// One Pipedrive person of one tenant (key: person id, extension: company id). Records person events (each accepted
/// event and the work it causes in one write before the call returns); its consent belongs to its primary address
/// (<see cref="IAddressGrain"/>), which it tells of requests and address changes and which tells it what to show.
/// </summary>
public interface IContactSyncGrain : IGrainWithIntegerCompoundKey
{
    Task<IngressOutcome> AcceptPerson(PersonEvent personEvent);

    /// <summary>
    /// Reconciliation read the person from Pipedrive (webhooks may have been lost): an address change is followed, and a
    /// Newsletter request the grain never saw goes to the address with the person's <c>update_time</c> as its time; it
    /// never re-subscribes.
    /// </summary>
    Task<IngressOutcome> ReconcilePerson(PersonSnapshot person);

    /// <summary>The person's address tells it its consent: what to record and show.</summary>
    Task ShowAddress(AddressNotice notice);

    Task<ContactView> GetView();

    /// <summary>The person's name and primary address as the grain last saw them (a deal event's lookup asks here before Pipedrive).</summary>
    Task<KnownPersonFacts> GetKnownPerson();

    /// <summary>Puts parked side effects back in line. Returns how many.</summary>
    Task<int> RetryParked();

    /// <summary>The unsubscribes of this person that Maileon has not had yet (an uninstall sends them first).</summary>
    Task<IReadOnlyList<PendingUnsubscribe>> PendingUnsubscribes();
}
