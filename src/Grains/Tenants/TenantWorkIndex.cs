using Microsoft.Extensions.Options;
using Orleans.Configuration;
using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Database.Outbox;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>
/// <see cref="ITenantWorkIndex"/> on PostgreSQL: the outbox due times the storage keeps per grain row, and the
/// activity log's failures of the last <see cref="ParkedLookBack"/>.
/// </summary>
public sealed class TenantWorkIndex(OutboxBacklogRepository backlog, JournalReader journal, IOptions<ClusterOptions> cluster, TimeProvider time) : ITenantWorkIndex
{
    public static readonly TimeSpan ParkedLookBack = TimeSpan.FromDays(30);

    public Task<IReadOnlyList<OverdueGrain>> WithWorkAsync(long companyId, CancellationToken cancellationToken) =>
        backlog.WithWorkAsync(cluster.Value.ServiceId, companyId, cancellationToken);

    public Task<(IReadOnlyList<long> PersonIds, IReadOnlyList<long> DealIds)> WithFailuresAsync(long companyId, CancellationToken cancellationToken) =>
        journal.FailedItemsAsync(companyId, time.GetUtcNow() - ParkedLookBack, cancellationToken);
}
