using Microsoft.Extensions.Options;
using Npgsql;
using PipedriveMaileon.Database.Tenants;

namespace PipedriveMaileon.Web.Webhooks;

/// <summary>
/// Keeps <see cref="TenantCredentialDirectory"/> current: reads the whole of <c>tenant_ingress</c> at start, then
/// every <see cref="WebhookIngressOptions.DirectoryRefreshMilliseconds"/> the rows changed since (one indexed query
/// per web node per interval, whatever the webhook traffic). A change is in force on every web node within one
/// interval plus one read. While the database cannot be read the directory keeps what it had, and the web node
/// reports itself not ready until the first read succeeded.
/// </summary>
public sealed partial class TenantDirectoryRefresher(
    TenantIngressStore store,
    TenantCredentialDirectory directory,
    IOptions<WebhookIngressOptions> options,
    TimeProvider time,
    ILogger<TenantDirectoryRefresher> logger) : BackgroundService
{
    private ulong horizon = TenantIngressStore.Everything;
    private bool failing;

    /// <summary>One read: applies what changed since the last one. False (and logged once per outage) when it failed.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            var changes = await store.ReadChangesAsync(horizon, cancellationToken);
            directory.Apply(changes.Entries);
            horizon = changes.NextHorizon;
            if (failing)
            {
                failing = false;
                LogRecovered(directory.Count);
            }

            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            if (!failing)
            {
                failing = true;
                LogFailing(ex.GetType().Name, ex.Message);
            }

            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.DirectoryRefreshMilliseconds);
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            await RefreshAsync(stoppingToken);
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook credential directory not refreshed ({Reason}: {Detail}); keeping the last copy and trying again")]
    private partial void LogFailing(string reason, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook credential directory refreshed again ({Tenants} companies)")]
    private partial void LogRecovered(int tenants);
}
