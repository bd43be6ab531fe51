using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipedriveMaileon.Database.Outbox;
using PipedriveMaileon.Database.Tenants;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Web.Operations;

/// <summary>
/// <c>/ops/tenants</c>: every tenant with its status, connection health (from the tenant grain's overview, a read
/// of its state) and outbox backlog (work waiting or being retried).
/// </summary>
[Authorize(Policy = OperatorAuthenticationHandler.PolicyName)]
public sealed class TenantsModel(TenantDirectory directory, OutboxBacklogRepository backlog, IClusterClient cluster, IConfiguration configuration, TimeProvider time) : PageModel
{
    /// <summary>Health is asked of at most this many installed tenants per page view (a few grain calls each).</summary>
    public const int MaxHealthLookups = 500;

    private const int HealthConcurrency = 16;

    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(5);

    public IReadOnlyList<TenantSummary> Tenants { get; private set; } = [];

    public IReadOnlyDictionary<long, TenantBacklog> Backlog { get; private set; } = new Dictionary<long, TenantBacklog>();

    public IReadOnlyDictionary<long, TenantOverview> Health { get; private set; } = new Dictionary<long, TenantOverview>();

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var serviceId = configuration[ClusterIdentity.ServiceIdKey] ?? ClusterIdentity.DefaultServiceId;
        Tenants = await directory.ListAsync(cancellationToken);
        Backlog = (await backlog.BacklogByTenantAsync(serviceId, cancellationToken)).ToDictionary(b => b.CompanyId);
        Health = await HealthAsync(cancellationToken);
        Now = time.GetUtcNow();
    }

    /// <summary>How late the tenant's oldest due work is, in words.</summary>
    public string Age(TenantBacklog? pending) =>
        pending is null ? "—" : Now > pending.OldestDueAt ? $"{(Now - pending.OldestDueAt).TotalSeconds:0} s overdue" : "scheduled";

    /// <summary>The overviews of installed tenants (bounded in number, concurrency and time; missing ones show "unknown").</summary>
    private async Task<Dictionary<long, TenantOverview>> HealthAsync(CancellationToken cancellationToken)
    {
        var installed = Tenants
            .Where(t => !string.Equals(t.Status, nameof(TenantStatus.Uninstalled), StringComparison.OrdinalIgnoreCase))
            .Take(MaxHealthLookups)
            .Select(t => t.CompanyId)
            .ToList();
        var overviews = new Dictionary<long, TenantOverview>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(HealthTimeout);
        try
        {
            await Parallel.ForEachAsync(installed, new ParallelOptions { MaxDegreeOfParallelism = HealthConcurrency, CancellationToken = timeout.Token }, async (companyId, token) =>
            {
                var overview = await cluster.Tenant(companyId).GetOverview().WaitAsync(token);
                lock (overviews)
                {
                    overviews[companyId] = overview;
                }
            });
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Too slow: show what arrived.
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // The cluster is unwell; the page still shows the directory and the backlog.
        }

        return overviews;
    }
}
