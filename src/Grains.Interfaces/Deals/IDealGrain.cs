using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Grains.Interfaces.Deals;

/// <summary>One Pipedrive deal of one tenant (key: deal id, extension: company id).</summary>
public interface IDealGrain : IGrainWithIntegerCompoundKey
{
    Task<IngressOutcome> Accept(DealEvent dealEvent);

    Task<int> RetryParked();
}
