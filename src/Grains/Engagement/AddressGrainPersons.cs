using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Identity;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// <see cref="ITenantAddressPersons"/> on the tenant's grain of the address (<see cref="IAddressGrain"/>): every person
/// of the tenant whose primary address it is, and the address's consent, whoever's external id Maileon's contact
/// carries (the hint is not needed). A deleted person has left its address, so none is reported as deleted.
/// </summary>
public sealed class AddressGrainPersons(IGrainFactory grains) : ITenantAddressPersons
{
    public async Task<AddressPersons> FindAsync(long companyId, string email, string? maileonExternalId)
    {
        if (EmailAddressKey.Of(email) is not { } key)
        {
            return AddressPersons.None;
        }

        var view = await grains.Address(companyId, key).GetView();
        return view.Persons.Count == 0
            ? AddressPersons.None
            : new AddressPersons(view.Status, [.. view.Persons.Select(p => new AddressPerson(p, false))]);
    }
}
