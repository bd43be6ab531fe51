using Npgsql;
using PipedriveMaileon.LoadGenerator.Bounds;

namespace PipedriveMaileon.LoadGenerator.Measurement;

/// <summary>
/// Statements the application ran in the bench database, from <c>pg_stat_statements</c> (bench.sh preloads it).
/// Reset before a phase, read after it; the bench's own statements (its statistics queries, the reference bound's
/// inserts) are left out.
/// </summary>
public sealed class StatementStats(string connectionString)
{
    private const string Mine = $"query NOT ILIKE '%pg_stat_statements%' AND query NOT ILIKE '%{PostgresCommitBound.TablePrefix}%'";

    /// <summary>Creates the extension in the bench database; false (with the reason) when the server has not loaded it.</summary>
    public async Task<string?> EnableAsync()
    {
        try
        {
            await ExecuteAsync("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            await ExecuteAsync("SELECT count(*) FROM pg_stat_statements");
            return null;
        }
        catch (NpgsqlException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Resets the bench database's statements only: clusters measured in turns share one PostgreSQL, and each counts its own phases.</summary>
    public Task ResetAsync() => ExecuteAsync("SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0)");

    /// <summary>Totals over the application's statements since the reset, and the statements that ran most often.</summary>
    public async Task<StatementTotals?> ReadAsync(int top = 4)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            const string Where = $"WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND {Mine}";
            long calls, walBytes;
            double execMs;
            await using (var total = new NpgsqlCommand($"SELECT coalesce(sum(calls),0)::bigint, coalesce(sum(total_exec_time),0)::float8, coalesce(sum(wal_bytes),0)::bigint FROM pg_stat_statements {Where}", connection))
            await using (var reader = await total.ExecuteReaderAsync())
            {
                await reader.ReadAsync();
                (calls, execMs, walBytes) = (reader.GetInt64(0), reader.GetDouble(1), reader.GetInt64(2));
            }

            var statements = new List<StatementRow>();
            await using (var most = new NpgsqlCommand($"SELECT calls, total_exec_time, wal_bytes::bigint, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) FROM pg_stat_statements {Where} ORDER BY calls DESC LIMIT {top}", connection))
            await using (var reader = await most.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    statements.Add(new StatementRow(reader.GetInt64(0), reader.GetDouble(1), reader.GetInt64(2), reader.GetString(3)));
                }
            }

            return new StatementTotals(calls, execMs, walBytes, statements);
        }
        catch (NpgsqlException)
        {
            return null;
        }
    }

    /// <summary>The server's WAL insert position in bytes (differences are the WAL written, commits and page images included).</summary>
    public async Task<long?> WalPositionAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint", connection);
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (NpgsqlException)
        {
            return null;
        }
    }

    /// <summary>Contact state rows and their average payload size.</summary>
    public async Task<(long Rows, double AverageBytes)?> ContactStateSizeAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT count(*), coalesce(avg(octet_length(PayloadBinary)), 0)::float8 FROM OrleansStorage WHERE GrainTypeString = 'contact' AND PayloadBinary IS NOT NULL", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetInt64(0), reader.GetDouble(1));
        }
        catch (NpgsqlException)
        {
            return null;
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

public sealed record StatementRow(long Calls, double ExecMs, long WalBytes, string Query);

public sealed record StatementTotals(long Calls, double ExecMs, long WalBytes, IReadOnlyList<StatementRow> Top);
