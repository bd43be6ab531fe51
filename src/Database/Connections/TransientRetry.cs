using Npgsql;

namespace PipedriveMaileon.Database.Connections;

/// <summary>
/// Repeats an idempotent read when PostgreSQL dropped the connection under it or is still starting: a server restart
/// leaves broken connections in the pool (the first use of each fails; the pool is dropped then) and refuses new ones
/// for a moment.
/// </summary>
public static class TransientRetry
{
    /// <summary>One more try after 200 ms: for reads whose caller can simply be asked to come back.</summary>
    public static readonly IReadOnlyList<TimeSpan> Once = [TimeSpan.FromMilliseconds(200)];

    /// <summary>
    /// Tries over about 3 s (0.1, 0.2, 0.4, 0.8, 1.6 s): a database restart passes within that, and a caller waiting
    /// behind it (a webhook; Pipedrive gives up after 10 s) is still answered in time.
    /// </summary>
    public static readonly IReadOnlyList<TimeSpan> RideOutRestart =
        [.. new[] { 100, 200, 400, 800, 1600 }.Select(ms => TimeSpan.FromMilliseconds(ms))];

    public static Task<T> ReadAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken) =>
        ReadAsync(read, Once, cancellationToken);

    /// <summary>Runs <paramref name="read"/>, waiting each of <paramref name="delays"/> before a new try after a connection loss.</summary>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, IReadOnlyList<TimeSpan> delays, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(delays);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await read();
            }
            catch (NpgsqlException ex) when (attempt < delays.Count && DatabaseFailures.IsConnectionLoss(ex))
            {
                DatabaseFailures.DropIdleConnections();
                await Task.Delay(delays[attempt], cancellationToken);
            }
        }
    }
}
