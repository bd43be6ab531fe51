using System.Diagnostics;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Web.Webhooks;

/// <summary>
/// Repeats an ingress call that failed because part of the cluster was briefly out of reach — a silo that died and
/// is not yet declared dead, a database restart — within a budget well inside Pipedrive's 10 s delivery timeout,
/// before the webhook is answered 503. Why: Pipedrive bans a webhook for 30 minutes after 10 failed first deliveries
/// and drops the events sent during the ban; a 503 per request during a silo failover gets there in a second. Safe
/// because ingress is idempotent: events are de-duplicated by id, so a call that did record before failing is
/// answered "duplicate" the second time.
/// </summary>
public static class IngressRetry
{
    /// <summary>
    /// The longest a webhook is held for retries: Pipedrive gives up after 10 s, and the last attempt needs time of
    /// its own. A PostgreSQL restart on a loaded 2-core machine kept requests waiting up to 3.4 s.
    /// </summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(6);

    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    public static async Task<IngressOutcome> RunAsync(Func<Task<IngressOutcome>> accept, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accept);
        ArgumentNullException.ThrowIfNull(time);
        var started = time.GetTimestamp();
        var delay = FirstDelay;
        while (true)
        {
            try
            {
                return await accept();
            }
            catch (Exception ex) when (IsPassing(ex) && time.GetElapsedTime(started) + delay < Budget && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(delay, time, cancellationToken);
                delay = delay * 2 < MaxDelay ? delay * 2 : MaxDelay;
            }
        }
    }

    /// <summary>Failures where nothing was recorded and the cause usually passes within seconds.</summary>
    public static bool IsPassing(Exception exception) => exception is
        SiloUnavailableException
        or OrleansMessageRejectionException
        or GrainStateUnavailableException
        or Orleans.Runtime.Messaging.ConnectionFailedException;
}
