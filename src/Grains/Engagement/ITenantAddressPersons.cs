namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// The one seam between engagement and identity: "the persons of tenant T with address A, and whether T subscribed or
/// unsubscribed A". Engagement routes every report row through it and nothing else, so pointing it at the per-address
/// grain (one per tenant and address, issue 12) is a change of the registration in
/// <see cref="Hosting.GrainServiceCollectionExtensions"/> only.
/// </summary>
public interface ITenantAddressPersons
{
    /// <param name="email">The address as Maileon reports it.</param>
    /// <param name="maileonExternalId">
    /// The external id of Maileon's contact for the address, as the report row carries it: a hint for an implementation
    /// that cannot look addresses up yet; one that can ignores it.
    /// </param>
    Task<AddressPersons> FindAsync(long companyId, string email, string? maileonExternalId);
}
