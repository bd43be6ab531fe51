using PipedriveMaileon.Grains.Identity;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Contacts;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// <see cref="ITenantAddressPersons"/> with what the person grains know today: Maileon's contact for an address carries
/// the external id <c>pd-{company}-{person}</c> of the person that subscribed it, and that person's grain holds the
/// address's consent status (<see cref="IContactSyncGrain.GetView"/>). The person counts only while its primary
/// address is still the reported one. Other persons of the tenant sharing the address are not found this way — the
/// per-address grain (issue 12) knows them, and replaces this class.
/// </summary>
public sealed class ContactGrainAddressPersons(IGrainFactory grains) : ITenantAddressPersons
{
    public async Task<AddressPersons> FindAsync(long companyId, string email, string? maileonExternalId)
    {
        if (EmailAddressKey.Of(email) is not { } key
            || !ContactExternalId.TryParse(maileonExternalId, out var contactCompany, out var personId)
            || contactCompany != companyId)
        {
            return AddressPersons.None;
        }

        var view = await grains.Contact(companyId, personId).GetView();
        return EmailAddressKey.Of(view.Email) == key
            ? new AddressPersons(view.Status, [new AddressPerson(personId, view.PersonDeleted)])
            : AddressPersons.None;
    }
}
