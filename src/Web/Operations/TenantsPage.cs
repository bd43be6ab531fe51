using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using PipedriveMaileon.Database.Outbox;
using PipedriveMaileon.Database.Tenants;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Web.Operations;

/// <summary>
/// <c>/ops/tenants</c>: every tenant with its status, connection health (from the tenant grain's overview, a read
/// of its state) and outbox backlog (work waiting or being retried). Server-rendered, every value HTML-encoded.
/// </summary>
public static class TenantsPage
{
    /// <summary>Health is asked of at most this many installed tenants per page view (a few grain calls each).</summary>
    public const int MaxHealthLookups = 500;

    private const int HealthConcurrency = 16;

    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapTenantsPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ops/tenants", Render).RequireAuthorization(OperatorAuthenticationHandler.PolicyName);
        return app;
    }

    private static async Task<IResult> Render(TenantDirectory directory, OutboxBacklogRepository backlog, IClusterClient cluster, IConfiguration configuration, TimeProvider time, CancellationToken cancellationToken)
    {
        var serviceId = configuration[ClusterIdentity.ServiceIdKey] ?? ClusterIdentity.DefaultServiceId;
        var tenants = await directory.ListAsync(cancellationToken);
        var work = (await backlog.BacklogByTenantAsync(serviceId, cancellationToken)).ToDictionary(b => b.CompanyId);
        var health = await HealthAsync(cluster, tenants, cancellationToken);
        var now = time.GetUtcNow();
        var encode = HtmlEncoder.Default;
        var rows = new StringBuilder();
        foreach (var tenant in tenants)
        {
            var pending = work.TryGetValue(tenant.CompanyId, out var b) ? b : null;
            var age = pending is null ? "—" : now > pending.OldestDueAt ? $"{(now - pending.OldestDueAt).TotalSeconds:0} s overdue" : "scheduled";
            var overview = health.GetValueOrDefault(tenant.CompanyId);
            rows.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{tenant.CompanyId}</td><td>{encode.Encode(tenant.CompanyName)}</td><td>{encode.Encode(tenant.Status)}</td>" +
                $"<td>{tenant.InstalledAt:yyyy-MM-dd HH:mm}</td>" +
                $"<td>{Health(overview?.Pipedrive, encode)}</td><td>{Health(overview?.Maileon, encode)}</td><td>{encode.Encode(Webhooks(overview))}</td>" +
                $"<td>{pending?.GrainsWithWork ?? 0}</td><td>{encode.Encode(age)}</td></tr>");
        }

        var html = $$"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tenants · operators</title>
            <style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1e2a36}table{border-collapse:collapse}th,td{padding:.3rem .7rem;border-bottom:1px solid #dde3e8;text-align:left}.bad{color:#b00020}</style>
            </head><body><h1>Tenants</h1><p>{{tenants.Count}} tenant(s). Links: <a href="/dashboard/">Orleans dashboard</a>, <a href="/metrics">metrics</a>.</p>
            <table data-testid="tenants"><tr><th>Company</th><th>Name</th><th>Status</th><th>Installed (UTC)</th><th>Health: Pipedrive</th><th>Health: Maileon</th><th>Webhooks</th><th>Backlog: grains with pending work</th><th>Backlog: oldest item</th></tr>{{rows}}</table>
            </body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    /// <summary>The overviews of installed tenants (bounded in number, concurrency and time; missing ones show "unknown").</summary>
    private static async Task<Dictionary<long, TenantOverview>> HealthAsync(IClusterClient cluster, IReadOnlyList<TenantSummary> tenants, CancellationToken cancellationToken)
    {
        var installed = tenants
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

    private static string Health(ConnectionHealth? health, HtmlEncoder encode) => health switch
    {
        null => "unknown",
        { Healthy: true } => "ok",
        _ => $"<span class=\"bad\">{encode.Encode(health.Message)}</span>",
    };

    private static string Webhooks(TenantOverview? overview) => overview is null
        ? "unknown"
        : string.Create(CultureInfo.InvariantCulture, $"{overview.Webhooks.Count(w => w.Registered)}/{overview.Webhooks.Count} registered");
}
