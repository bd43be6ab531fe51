using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using PipedriveMaileon.Database.Outbox;
using PipedriveMaileon.Database.Tenants;
using PipedriveMaileon.Grains.Interfaces.Hosting;

namespace PipedriveMaileon.Web.Operations;

/// <summary><c>/ops/tenants</c>: every tenant with its status and outbox backlog (work waiting or being retried).</summary>
public static class TenantsPage
{
    public static IEndpointRouteBuilder MapTenantsPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ops/tenants", Render).RequireAuthorization(OperatorAuthenticationHandler.PolicyName);
        return app;
    }

    private static async Task<IResult> Render(TenantDirectory directory, OutboxBacklogRepository backlog, IConfiguration configuration, TimeProvider time, CancellationToken cancellationToken)
    {
        var serviceId = configuration[ClusterIdentity.ServiceIdKey] ?? ClusterIdentity.DefaultServiceId;
        var tenants = await directory.ListAsync(cancellationToken);
        var work = (await backlog.BacklogByTenantAsync(serviceId, cancellationToken)).ToDictionary(b => b.CompanyId);
        var now = time.GetUtcNow();
        var encode = HtmlEncoder.Default;
        var rows = new StringBuilder();
        foreach (var tenant in tenants)
        {
            var pending = work.TryGetValue(tenant.CompanyId, out var b) ? b : null;
            var age = pending is null ? "—" : now > pending.OldestDueAt ? $"{(now - pending.OldestDueAt).TotalSeconds:0} s overdue" : "scheduled";
            rows.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{tenant.CompanyId}</td><td>{encode.Encode(tenant.CompanyName)}</td><td>{encode.Encode(tenant.Status)}</td>" +
                $"<td>{tenant.InstalledAt:yyyy-MM-dd HH:mm}</td><td>{pending?.GrainsWithWork ?? 0}</td><td>{age}</td></tr>");
        }

        var html = $$"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tenants · operators</title>
            <style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1e2a36}table{border-collapse:collapse}th,td{padding:.3rem .7rem;border-bottom:1px solid #dde3e8;text-align:left}</style>
            </head><body><h1>Tenants</h1><p>{{tenants.Count}} tenant(s). Links: <a href="/dashboard/">Orleans dashboard</a>, <a href="/metrics">metrics</a>.</p>
            <table data-testid="tenants"><tr><th>Company</th><th>Name</th><th>Status</th><th>Installed (UTC)</th><th>Grains with pending work</th><th>Oldest item</th></tr>{{rows}}</table>
            </body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
