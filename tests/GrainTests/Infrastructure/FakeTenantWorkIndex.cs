using System.Collections.Concurrent;
using System.Globalization;
using PipedriveMaileon.Database.Outbox;
using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Tenants;

namespace PipedriveMaileon.GrainTests.Infrastructure;

/// <summary>
/// Which grains of a tenant have work, as the test says (in production <see cref="TenantWorkIndex"/> reads it from
/// PostgreSQL, which in-memory test silos do not have).
/// </summary>
public sealed class FakeTenantWorkIndex : ITenantWorkIndex
{
    private readonly ConcurrentDictionary<long, ConcurrentBag<(string GrainType, long EntityId)>> withWork = new();
    private readonly ConcurrentDictionary<long, ConcurrentBag<string>> addressesWithWork = new();

    public void HasWork(long companyId, string grainType, long entityId) =>
        withWork.GetOrAdd(companyId, _ => []).Add((grainType, entityId));

    public void Person(long companyId, long personId) => HasWork(companyId, GrainTypes.Contact, personId);

    public void Deal(long companyId, long dealId) => HasWork(companyId, GrainTypes.Deal, dealId);

    /// <summary>An address grain (key: the company id, extension: the address key).</summary>
    public void Address(long companyId, string addressKey) => addressesWithWork.GetOrAdd(companyId, _ => []).Add(addressKey);

    public Task<IReadOnlyList<OverdueGrain>> WithWorkAsync(long companyId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OverdueGrain>>([
            .. withWork.TryGetValue(companyId, out var grains)
                ? grains.Distinct().Select(g => new OverdueGrain(g.GrainType, g.EntityId, companyId.ToString(CultureInfo.InvariantCulture), DateTimeOffset.UtcNow))
                : [],
            .. addressesWithWork.TryGetValue(companyId, out var addresses)
                ? addresses.Distinct().Select(a => new OverdueGrain(GrainTypes.Address, companyId, a, DateTimeOffset.UtcNow))
                : [],
        ]);

    public Task<(IReadOnlyList<long> PersonIds, IReadOnlyList<long> DealIds)> WithFailuresAsync(long companyId, CancellationToken cancellationToken) =>
        Task.FromResult<(IReadOnlyList<long>, IReadOnlyList<long>)>(([], []));
}
