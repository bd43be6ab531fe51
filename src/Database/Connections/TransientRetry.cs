using Npgsql;

namespace PipedriveMaileon.Database.Connections;

/// <summary>
/// Repeats an idempotent read once when PostgreSQL dropped the connection under it (a server restart leaves
/// broken connections in the pool; the first use of each fails, the next one opens a fresh connection).
/// </summary>
public static class TransientRetry
{
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            return await read();
        }
        catch (NpgsqlException ex) when (DatabaseFailures.IsConnectionLoss(ex))
        {
            DatabaseFailures.DropIdleConnections();
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            return await read();
        }
    }
}
