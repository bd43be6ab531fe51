using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using PipedriveMaileon.Grains.Interfaces.Hosting;

namespace PipedriveMaileon.ServiceDefaults.Clustering;

/// <summary>
/// <see cref="ClusterOptions"/> from <c>Orleans:ClusterId</c> and <c>Orleans:ServiceId</c> with the project's defaults,
/// identical for silos and clients: a web node with another id would never find a gateway.
/// </summary>
public static class ClusterIdentitySetup
{
    public static IServiceCollection AddClusterIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = configuration[ClusterIdentity.ClusterIdKey] is { Length: > 0 } cluster ? cluster : ClusterIdentity.DefaultClusterId;
            o.ServiceId = configuration[ClusterIdentity.ServiceIdKey] is { Length: > 0 } service ? service : ClusterIdentity.DefaultServiceId;
        });
    }
}
