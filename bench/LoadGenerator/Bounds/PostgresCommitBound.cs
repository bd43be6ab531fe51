using Npgsql;

namespace PipedriveMaileon.LoadGenerator.Bounds;

/// <summary>
/// Reference bound (b): one small row committed per request (autocommit INSERT) at the bench's concurrency, into
/// a throwaway table of the bench's own that is dropped afterwards.
/// </summary>
public sealed class PostgresCommitBound : IAsyncDisposable
{
    /// <summary>The start of the bound's table name (its statements are told from the application's by it).</summary>
    public const string TablePrefix = "bench_one_row_commit_";

    private readonly NpgsqlDataSource dataSource;
    private readonly string table;
    private long lastId;

    private PostgresCommitBound(NpgsqlDataSource dataSource, string table)
    {
        this.dataSource = dataSource;
        this.table = table;
    }

    public static async Task<PostgresCommitBound> CreateAsync(string connectionString, int concurrency, int seed)
    {
        // No reset on returning a connection to the pool: the inserts leave no session state, and the reset (a DISCARD
        // ALL sent with the next insert) would make every reference commit pay for a second statement.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = concurrency + 2, MinPoolSize = 0, NoResetOnClose = true };
        var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        var table = $"{TablePrefix}{seed}_{Environment.ProcessId}";
        await using var command = dataSource.CreateCommand(
            $"CREATE TABLE IF NOT EXISTS {table} (id bigint PRIMARY KEY, tenant bigint NOT NULL, body text NOT NULL, at timestamptz NOT NULL DEFAULT now())");
        await command.ExecuteNonQueryAsync();
        return new PostgresCommitBound(dataSource, table);
    }

    /// <summary>
    /// Inserts the next row. Its id is the bound's own count, not <paramref name="requestIndex"/>: every run against the
    /// bound (probes, then the measured phase) starts its requests at 0, and a repeated key would fail the insert.
    /// </summary>
    public async Task<int> CommitAsync(long requestIndex, CancellationToken cancellationToken)
    {
        var index = Interlocked.Increment(ref lastId);
        await using var command = dataSource.CreateCommand($"INSERT INTO {table} (id, tenant, body) VALUES ($1, $2, $3)");
        command.Parameters.AddWithValue(index);
        command.Parameters.AddWithValue(index % 97);
        command.Parameters.AddWithValue("{\"meta\":{\"action\":\"change\",\"entity\":\"person\"},\"bench\":true}");
        await command.ExecuteNonQueryAsync(cancellationToken);
        return 200;
    }

    public async ValueTask DisposeAsync()
    {
        await using (var command = dataSource.CreateCommand($"DROP TABLE IF EXISTS {table}"))
        {
            await command.ExecuteNonQueryAsync();
        }

        await dataSource.DisposeAsync();
    }
}
