using System.Data.Common;
using Npgsql;

namespace PipedriveMaileon.Database.Connections;

/// <summary>
/// Recognises database failures anywhere in an exception chain, and recovers from a server restart: every idle
/// pooled connection is dead then, and each would fail once on its next use unless the pools are cleared.
/// </summary>
public static class DatabaseFailures
{
    /// <summary>True when the chain holds any database exception (these types must not cross a grain boundary).</summary>
    public static bool IsDatabaseFailure(Exception exception) => Chain(exception).Any(e => e is DbException);

    /// <summary>True when the server went away or restarted under the connection (worth one retry on a fresh one).</summary>
    public static bool IsConnectionLoss(Exception exception) =>
        Chain(exception).Any(e => e is PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "08006" or "08003" or "08001" }
            || (e is NpgsqlException { IsTransient: true } && e is not PostgresException));

    /// <summary>Drops idle pooled connections so the next command opens a fresh one.</summary>
    public static void DropIdleConnections() => NpgsqlConnection.ClearAllPools();

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }
}
