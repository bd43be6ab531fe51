using Npgsql;

namespace PipedriveMaileon.IntegrationTests.Infrastructure;

/// <summary>
/// The PostgreSQL server ./test.sh starts. Suites that need it fail (never skip) when it is missing, so a CI run
/// without a database cannot pass by accident.
/// </summary>
public static class TestPostgres
{
    public const string AdminVariable = "PIPEDRIVEMAILEON_TEST_POSTGRES";
    public const string DataFolderVariable = "PIPEDRIVEMAILEON_TEST_POSTGRES_DATA";

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(AdminVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{AdminVariable} is not set: these tests need the PostgreSQL server that ./test.sh starts. Run ./test.sh.");

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var full = $"pm_{purpose}_{Guid.NewGuid():N}";
        var name = full[..Math.Min(40, full.Length)].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, MaxPoolSize = 30 }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Restarts the test server (fast shutdown: every connection drops), waiting <paramref name="down"/> before it
    /// comes back. Only for tests that run alone (a non-parallel collection).
    /// </summary>
    public static async Task RestartServerAsync(TimeSpan down)
    {
        var data = Environment.GetEnvironmentVariable(DataFolderVariable) is { Length: > 0 } folder
            ? folder
            : throw new InvalidOperationException($"{DataFolderVariable} is not set: run ./test.sh.");
        await PgCtlAsync(data, "--mode=fast --wait --timeout=60 stop");
        await Task.Delay(down);
        // pg_ctl restart/start reuse the options of the last start (postmaster.opts).
        await PgCtlAsync(data, $"--wait --timeout=60 --log=\"{data}/server.log\" start -o \"$(tail -n1 {data}/postmaster.opts | sed -e 's/^[^ ]* //' -e 's/\"-D\" \"[^\"]*\" //g')\"");
    }

    private static async Task PgCtlAsync(string data, string arguments)
    {
        // pg_ctl is found the way ./test.sh found it (PG_BINDIR, which it exports), not on PATH: Debian keeps it off PATH.
        var script = $"source \"{RepositoryLayout.Root}/scripts/postgres.sh\" && pg_require_binaries && pg_as_server_user \"$PG_BINDIR/pg_ctl\" --pgdata=\"{data}\" {arguments}";
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", ["-c", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_ctl {arguments} failed ({process.ExitCode}): {error}");
        }
    }

    public static async Task<T?> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }
}
