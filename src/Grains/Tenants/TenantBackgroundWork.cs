using Microsoft.Extensions.Logging;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.FirstSync;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>A tenant's background grains: started once setup succeeds, stopped at uninstall.</summary>
public static partial class TenantBackgroundWork
{
    /// <summary>
    /// Setup succeeded: the tenant's reconciliation runs from now on, and the first sync's preview starts where one is due
    /// (first install, re-install, another Maileon account: its grain knows which; a repeated setup changes nothing).
    /// Both are idempotent; a failure is retried by the next setup run.
    /// </summary>
    public static async Task StartAsync(IGrainFactory grains, long companyId, long? maileonAccountId, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var work = new (string Name, Func<Task> Start)[]
        {
            ("reconciliation", () => grains.Reconciliation(companyId).Start()),
            ("the first sync", () => grains.FirstSync(companyId).Prepare(new FirstSyncTrigger(maileonAccountId ?? 0))),
        };
        foreach (var (name, start) in work)
        {
            try
            {
                await start();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogNotStarted(logger, ex, companyId, name);
            }
        }
    }

    /// <summary>Uninstalled: the self-check, reconciliation, engagement poll and first sync stop (their checkpoints stay for a re-install).</summary>
    public static async Task StopAsync(IGrainFactory grains, long companyId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        await grains.TenantHealth(companyId).Stop();
        await grains.Reconciliation(companyId).Stop();
        await grains.Engagement(companyId).Stop();
        await grains.FirstSync(companyId).Stop();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {CompanyId}: {Work} could not be started; the next setup run tries again")]
    private static partial void LogNotStarted(ILogger logger, Exception exception, long companyId, string work);
}
