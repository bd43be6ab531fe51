using Orleans.Concurrency;

namespace PipedriveMaileon.Grains.Interfaces.Deals;

/// <summary>
/// Collects one tenant's deal events bound for Maileon for a few milliseconds and sends them in one request
/// (key: company id; one local activation per silo). Each caller gets its own event's report. A deal grain has at
/// most one event in flight, so batching never reorders one deal's events.
/// </summary>
public interface IDealEventBatchGrain : IGrainWithIntegerKey
{
    Task<DealBatchReport> Send(DealBatchItem item);
}
