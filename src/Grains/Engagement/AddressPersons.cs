using PipedriveMaileon.Grains.Interfaces.Contacts;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// What the tenant knows of one address (identity by address, docs/IDENTITY.md): its consent status in this tenant
/// (subscribed, pending, unsubscribed, or none: never asked for here) and the persons whose primary address it is.
/// </summary>
public sealed record AddressPersons(SubscriptionStatus Status, IReadOnlyList<AddressPerson> Persons)
{
    public static AddressPersons None { get; } = new(SubscriptionStatus.None, []);
}
