using System.Collections.Concurrent;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>
/// The latest rate-limit headers seen per company in this process, updated by <see cref="PipedriveApiClient"/>
/// on every response, so callers can pace work (e.g. pause a reconciliation when the daily budget runs low).
/// </summary>
public sealed class PipedriveRateLimitTracker
{
    private readonly ConcurrentDictionary<long, PipedriveRateLimit> latest = new();

    public PipedriveRateLimit? Latest(long companyId) => latest.TryGetValue(companyId, out var limit) ? limit : null;

    internal void Record(long companyId, PipedriveRateLimit limit)
    {
        if (!limit.HasAnyValue)
        {
            return;
        }

        // Responses can complete out of order; keep the newest observation.
        latest.AddOrUpdate(companyId, limit, (_, existing) => existing.ObservedAt > limit.ObservedAt ? existing : limit);
    }
}
