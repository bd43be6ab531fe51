using Microsoft.Extensions.Logging;
using PipedriveMaileon.Database.Connections;
using PipedriveMaileon.Grains.Interfaces.Hosting;

namespace PipedriveMaileon.Grains.Hosting;

/// <summary>
/// Database exceptions cannot be serialised back to the caller (the caller would see a codec error instead of the
/// failure). Every grain call that fails with one answers <see cref="GrainStateUnavailableException"/> instead — a
/// retryable "not recorded" — and the original is logged here. After a server restart the idle pools are dropped.
/// </summary>
public sealed partial class StorageFailureFilter(ILogger<StorageFailureFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (ex is not GrainStateUnavailableException && DatabaseFailures.IsDatabaseFailure(ex))
        {
            if (DatabaseFailures.IsConnectionLoss(ex))
            {
                DatabaseFailures.DropIdleConnections();
            }

            LogDatabaseFailure(ex, context.InterfaceName, context.MethodName);
            throw new GrainStateUnavailableException($"The database could not be reached ({ex.GetType().Name}); nothing was recorded. Retry.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Interface}.{Method} failed on the database; answered as retryable")]
    private partial void LogDatabaseFailure(Exception exception, string @interface, string method);
}
