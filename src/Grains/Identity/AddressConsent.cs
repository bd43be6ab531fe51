using PipedriveMaileon.Grains.Contacts;

namespace PipedriveMaileon.Grains.Identity;

/// <summary>
/// One tenant's consent for one e-mail address: the subscription state (the same rules as ever, see
/// <see cref="SubscriptionStateMachine"/>, but held per address instead of per person) and the persons of the tenant
/// whose primary address it is. Every such person shows this state in its Newsletter field. The entry outlives its
/// persons: an unsubscribed address stays blocked for whoever gets it next. Plain data, JSON-serialisable.
/// </summary>
public sealed class AddressConsent
{
    /// <summary>The address's key (<see cref="EmailAddressKey.Of"/>).</summary>
    public string Address { get; set; } = string.Empty;

    public SubscriptionState State { get; set; } = new();

    /// <summary>Persons of the tenant with this primary address, ascending.</summary>
    public List<long> Persons { get; set; } = [];

    public bool Has(long personId) => Persons.BinarySearch(personId) >= 0;

    /// <summary>Adds the person; false when it was there already.</summary>
    public bool Add(long personId)
    {
        var at = Persons.BinarySearch(personId);
        if (at >= 0)
        {
            return false;
        }

        Persons.Insert(~at, personId);
        return true;
    }

    public bool Remove(long personId)
    {
        var at = Persons.BinarySearch(personId);
        if (at < 0)
        {
            return false;
        }

        Persons.RemoveAt(at);
        return true;
    }
}
