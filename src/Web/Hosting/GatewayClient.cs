using System.Net;
using Orleans.Configuration;

namespace PipedriveMaileon.Web.Hosting;

/// <summary>
/// An Orleans client of its own (its own small host) that knows one gateway only, so every call made through it enters
/// the cluster at that silo. Its logs go to the web's logging.
/// </summary>
public sealed class GatewayClient : IAsyncDisposable
{
    private readonly IHost host;

    private GatewayClient(IHost host)
    {
        this.host = host;
        Grains = host.Services.GetRequiredService<IClusterClient>();
    }

    public IGrainFactory Grains { get; }

    /// <summary>Connected, or throws (a gateway that does not answer is tried again at the next refresh, not here).</summary>
    public static async Task<GatewayClient> ConnectAsync(IPEndPoint gateway, ClusterOptions identity, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var host = new HostBuilder()
            .ConfigureServices(services => services.AddSingleton(loggers))
            .UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = identity.ClusterId;
                    o.ServiceId = identity.ServiceId;
                });
                client.UseStaticClustering(gateway);
                client.AddActivityPropagation();
            })
            .Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new GatewayClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await host.StopAsync(TimeSpan.FromSeconds(5));
        }
        finally
        {
            host.Dispose();
        }
    }
}
