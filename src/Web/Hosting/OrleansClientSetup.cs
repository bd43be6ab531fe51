using Orleans.Configuration;
using Orleans.Dashboard;
using PipedriveMaileon.Database.Connections;
using PipedriveMaileon.Grains.Interfaces.Hosting;

namespace PipedriveMaileon.Web.Hosting;

/// <summary>
/// The web front end is an Orleans client: it finds gateways in the same PostgreSQL membership table. Its cluster
/// identity comes from the service defaults, the same as the silos'.
/// </summary>
public static class OrleansClientSetup
{
    public static WebApplicationBuilder AddClusterClient(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var connectionString = DatabaseConfiguration.GetRequiredConnectionString(configuration);
        builder.Services.AddSingleton<IClientConnectionRetryFilter, KeepTryingToConnect>();
        builder.UseOrleansClient(client =>
        {
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(10));
            client.AddDashboard(o => o.HideTrace = true);
            client.AddActivityPropagation();
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = ClusterIdentity.AdoNetInvariant;
                o.ConnectionString = connectionString;
            });
        });
        return builder;
    }
}
