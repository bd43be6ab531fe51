using PipedriveMaileon.Database.Outbox;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>Which of a tenant's grains have work to resume, found without activating the others.</summary>
public interface ITenantWorkIndex
{
    /// <summary>The tenant's grains with outbox work not done (waiting, backing off or due); parked work has no due time.</summary>
    Task<IReadOnlyList<OverdueGrain>> WithWorkAsync(long companyId, CancellationToken cancellationToken);

    /// <summary>The persons and deals with a failure recorded lately (where parked work is).</summary>
    Task<(IReadOnlyList<long> PersonIds, IReadOnlyList<long> DealIds)> WithFailuresAsync(long companyId, CancellationToken cancellationToken);
}
