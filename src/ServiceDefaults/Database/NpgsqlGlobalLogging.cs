using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PipedriveMaileon.ServiceDefaults.Database;

/// <summary>
/// Npgsql's logs into the host's logging for connections opened by connection string, which is how the Orleans
/// ADO.NET providers (clustering, grain storage, reminders) open theirs; our own data source gets the logger factory
/// from DI. Registered before Orleans, so it starts before the first of those connections is opened.
/// </summary>
public sealed class NpgsqlGlobalLogging(ILoggerFactory loggerFactory) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        NpgsqlLoggingConfiguration.InitializeLogging(loggerFactory, parameterLoggingEnabled: false);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
