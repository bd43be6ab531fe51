using System.Net;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace PipedriveMaileon.Web.Hosting;

/// <summary>
/// Where a person's webhook enters the cluster: at the gateway of the silo that holds the person's grain-directory
/// entry (<see cref="DirectoryRing"/>). The web's main client sends each grain's calls through a gateway it picked at
/// random; a person not active anywhere is then placed on that gateway's silo (<c>PreferLocalPlacement</c>) while its
/// directory entry lives on another silo (n-1)/n of the time, so the lookup before placement and the registration after
/// it each cost a request to that silo. Entering at the entry's silo keeps both inside it.
/// <list type="bullet">
/// <item>One <see cref="GatewayClient"/> per silo gateway, from the membership table's active silos, read every
/// <see cref="Refresh"/>; with fewer than two silos there is nothing to choose and no extra client.</item>
/// <item>Only a webhook's first attempt goes this way (see the webhook endpoints): its retries go through the main
/// client, so a gateway that died before the membership table says so costs one failed attempt, nothing more.</item>
/// <item>Off with <c>Orleans:RouteToDirectoryOwner=false</c>.</item>
/// </list>
/// </summary>
public sealed partial class DirectoryOwnerRouting(
    NpgsqlDataSource database, IOptions<ClusterOptions> cluster, ILoggerFactory loggers, ILogger<DirectoryOwnerRouting> logger) : BackgroundService
{
    public const string EnabledKey = "Orleans:RouteToDirectoryOwner";

    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(10);

    private const string ActiveSilos =
        "SELECT Address, Port, Generation, ProxyPort FROM OrleansMembershipTable WHERE DeploymentId = @cluster AND Status = 3";

    // Touched by the refresh loop alone; readers see only the published routes.
    private readonly Dictionary<SiloAddress, GatewayClient> clients = [];
    private volatile Routes routes = Routes.None;

    /// <summary>The grain factory whose calls enter at the silo holding <paramref name="grain"/>'s directory entry; null when there is no choice to make.</summary>
    public IGrainFactory? For(IAddressable grain) => routes.For(grain.GetGrainId());

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        routes = Routes.None;
        foreach (var client in clients.Values)
        {
            await client.DisposeAsync();
        }

        clients.Clear();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Refresh);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRefreshFailed(ex.GetType().Name, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var members = await ReadActiveSilosAsync(cancellationToken);
        if (members.Count < 2)
        {
            members.Clear();
        }

        foreach (var (silo, gateway) in members)
        {
            if (gateway is not null && !clients.ContainsKey(silo))
            {
                try
                {
                    clients[silo] = await GatewayClient.ConnectAsync(gateway, cluster.Value, loggers, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogGatewayUnreachable(gateway.ToString(), ex.GetType().Name);
                }
            }
        }

        var gone = clients.Keys.Where(silo => !members.ContainsKey(silo)).ToList();
        routes = members.Count == 0 ? Routes.None : new Routes(new DirectoryRing(members.Keys), clients.ToDictionary(c => c.Key, c => c.Value.Grains));
        foreach (var silo in gone)
        {
            // After the new routes are out, so no new call picks it; a call still under way fails and is retried through the main client.
            await clients[silo].DisposeAsync();
            clients.Remove(silo);
        }
    }

    private async Task<Dictionary<SiloAddress, IPEndPoint?>> ReadActiveSilosAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(ActiveSilos);
        command.Parameters.AddWithValue("cluster", cluster.Value.ClusterId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var members = new Dictionary<SiloAddress, IPEndPoint?>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var address = IPAddress.Parse(reader.GetString(0));
            var silo = SiloAddress.New(new IPEndPoint(address, reader.GetInt32(1)), reader.GetInt32(2));
            members[silo] = !reader.IsDBNull(3) && reader.GetInt32(3) is > 0 and var proxy ? new IPEndPoint(address, proxy) : null;
        }

        return members;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the cluster's silos for directory-owner routing ({Error}: {Reason}); webhooks enter at any gateway until it can")]
    private partial void LogRefreshFailed(string error, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway {Gateway} did not answer; webhooks for its silo's grains enter at any gateway until it does ({Error})")]
    private partial void LogGatewayUnreachable(string gateway, string error);

    private sealed class Routes(DirectoryRing ring, Dictionary<SiloAddress, IGrainFactory> gateways)
    {
        public static Routes None { get; } = new(new DirectoryRing([]), []);

        public IGrainFactory? For(GrainId grain) =>
            ring.OwnerOf(grain) is { } owner && gateways.TryGetValue(owner, out var grains) ? grains : null;
    }
}
