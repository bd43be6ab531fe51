using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Grains.Interfaces.Deals;

/// <summary>
/// One Pipedrive deal of one tenant (key: deal id; key extension: company id as a decimal string). Turns the deal's
/// webhooks into Maileon contact events (<c>pipedrive_deal_added|updated|deleted</c>) for the deal's person,
/// de-duplicated, in source order, sent from an outbox.
/// </summary>
public interface IDealGrain : IGrainWithIntegerCompoundKey
{
    /// <summary>
    /// Records a deal webhook. Returns once the event and the work it causes are durably stored
    /// (<see cref="IngressOutcome.Accepted"/>), or says why nothing was recorded (duplicate, stale, disabled).
    /// Throws when storage is unavailable (the caller answers 503 and Pipedrive retries).
    /// </summary>
    Task<IngressOutcome> Accept(DealEvent dealEvent);

    /// <summary>What the settings page may show about this deal's sync.</summary>
    Task<DealSyncView> GetView();

    /// <summary>Puts parked (permanently failed) events back in line; returns how many.</summary>
    Task<int> RetryParked();
}
