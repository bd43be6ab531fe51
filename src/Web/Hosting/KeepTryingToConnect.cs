namespace PipedriveMaileon.Web.Hosting;

/// <summary>
/// The web may start before any silo (containers start in any order): keep trying to reach a gateway instead of
/// failing start-up. Until it connects, <c>/health/ready</c> answers 503.
/// </summary>
public sealed partial class KeepTryingToConnect(ILogger<KeepTryingToConnect> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        LogWaiting(exception.Message);
        await Task.Delay(Pause, cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No silo gateway reachable yet, retrying: {Reason}")]
    private partial void LogWaiting(string reason);
}
