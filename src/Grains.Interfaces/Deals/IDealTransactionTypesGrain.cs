namespace PipedriveMaileon.Grains.Interfaces.Deals;

/// <summary>
/// One per tenant (key: company id): makes sure Maileon has the three deal contact-event types, once, however many
/// deal grains ask at the same time (calls queue on the single activation; Maileon is read by name before a type
/// is created, so a second activation elsewhere finds the types instead of creating them again).
/// </summary>
public interface IDealTransactionTypesGrain : IGrainWithIntegerKey
{
    /// <summary>The types' ids once they exist and match, or why deal events cannot be sent now.</summary>
    Task<DealTransactionTypesResult> Ensure();

    /// <summary>Forget what is known (a type was deleted in Maileon, or the API key changed); the next call checks again.</summary>
    Task Forget();
}
