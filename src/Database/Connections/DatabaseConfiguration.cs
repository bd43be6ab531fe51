using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace PipedriveMaileon.Database.Connections;

/// <summary>Reads and checks <c>ConnectionStrings:Orleans</c>, the one database every process shares.</summary>
public static class DatabaseConfiguration
{
    public const string ConnectionStringName = "Orleans";

    /// <summary>Pooled connections returned by one component and reused by the next need no session reset.</summary>
    private const string NoResetOnCloseKey = "No Reset On Close";

    /// <summary>How many distinct statements each physical connection keeps prepared (Npgsql automatic preparation).</summary>
    private const string MaxAutoPrepareKey = "Max Auto Prepare";

    public const int DefaultMaxAutoPrepare = 64;

    public const int DefaultKeepaliveSeconds = 5;

    private const string KeepaliveKey = "Keepalive";

    /// <summary>
    /// Returns the connection string (with <see cref="Tune"/>'s defaults) or throws with a message that says how to
    /// provide it.
    /// </summary>
    public static string GetRequiredConnectionString(IConfiguration configuration)
    {
        var value = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Orleans is not set. Set it to a PostgreSQL connection string, e.g. the environment " +
                "variable ConnectionStrings__Orleans=\"Host=localhost;Port=5432;Database=pipedrive_maileon;Username=...;" +
                "Password=...;Maximum Pool Size=40\", or start everything with ./run.sh, which runs a local PostgreSQL.");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(value);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"ConnectionStrings:Orleans is not a valid PostgreSQL connection string: {ex.Message}", ex);
        }

        return Tune(value);
    }

    /// <summary>
    /// Adds the pooling settings the ingest path relies on, unless the operator set them explicitly:
    /// <list type="bullet">
    /// <item><c>No Reset On Close=true</c>: every grain-state read and write opens and closes a pooled connection;
    /// Npgsql would otherwise send <c>DISCARD ALL</c> each time, which also throws away the session's prepared
    /// statements and the cached plans of <c>orleans_storage_write</c>, so PostgreSQL re-planned the function's
    /// statements on every webhook. Nothing here keeps session state (no <c>SET</c>, temporary tables, session
    /// locks or <c>LISTEN</c>: the migrator's lock is transaction-scoped).</item>
    /// <item><c>Max Auto Prepare</c>: the storage, clustering and journal statements are few and fixed, so they
    /// are prepared once per connection instead of parsed and planned per call.</item>
    /// <item><c>Keepalive</c> (seconds): idle pooled connections are probed, so after a database restart the dead ones
    /// leave the pool within seconds instead of failing one request each later on.</item>
    /// </list>
    /// </summary>
    public static string Tune(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var keys = given.Keys.Cast<string>().Select(Normalize).ToHashSet(StringComparer.Ordinal);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!keys.Contains(Normalize(NoResetOnCloseKey)))
        {
            builder.NoResetOnClose = true;
        }

        if (!keys.Contains(Normalize(MaxAutoPrepareKey)))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (!keys.Contains(Normalize(KeepaliveKey)))
        {
            builder.KeepAlive = DefaultKeepaliveSeconds;
        }

        return builder.ConnectionString;
    }

    private static string Normalize(string key) => key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
}
