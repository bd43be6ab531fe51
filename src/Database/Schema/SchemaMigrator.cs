using Microsoft.Extensions.Logging;
using Npgsql;

namespace PipedriveMaileon.Database.Schema;

/// <summary>
/// Applies the embedded migrations in one transaction, recording each in <c>schema_migrations</c>. Concurrent
/// migrators (several silos, a migrate job) serialise on an advisory lock; running it again is a no-op.
/// </summary>
public sealed partial class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    public const string MigrateCommandHint = "dotnet PipedriveMaileon.Silo.dll migrate (./run.sh and ./test.sh run it for you)";

    private const long AdvisoryLockKey = 0x5069_7065_4D61_696C; // "PipeMail"

    private const string CreateLedger = """
        CREATE TABLE IF NOT EXISTS schema_migrations
        (
            version    integer     NOT NULL PRIMARY KEY,
            name       text        NOT NULL,
            checksum   text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        );
        """;

    public async Task<IReadOnlyList<Migration>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
        await ExecuteAsync(connection, transaction, CreateLedger, cancellationToken);

        var applied = await ReadAppliedAsync(connection, transaction, cancellationToken);
        var pending = Pending(applied);
        foreach (var migration in pending)
        {
            LogApplying(migration.Version, migration.Name);
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using var record = new NpgsqlCommand(
                "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", connection, transaction);
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Name });
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Checksum });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        LogDone(pending.Count, MigrationCatalog.LatestVersion);
        return pending;
    }

    public async Task<SchemaStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return new SchemaStatus([], MigrationCatalog.Migrations);
            }
        }

        var applied = await ReadAppliedAsync(connection, null, cancellationToken);
        return new SchemaStatus([.. applied.Keys.Order()], Pending(applied));
    }

    /// <summary>Throws <see cref="SchemaNotReadyException"/> naming the migrate command when migrations are missing.</summary>
    public async Task EnsureUpToDateAsync(CancellationToken cancellationToken = default)
    {
        var status = await GetStatusAsync(cancellationToken);
        if (!status.IsUpToDate)
        {
            throw new SchemaNotReadyException(
                $"The database schema is not migrated: {status.Pending.Count} migration(s) pending " +
                $"({string.Join(", ", status.Pending.Select(m => $"{m.Version:D4}_{m.Name}"))}). " +
                $"Run the migration first: {MigrateCommandHint}.");
        }
    }

    private static List<Migration> Pending(IReadOnlyDictionary<int, string> applied)
    {
        foreach (var migration in MigrationCatalog.Migrations)
        {
            if (applied.TryGetValue(migration.Version, out var checksum) && checksum != migration.Checksum)
            {
                throw new SchemaNotReadyException(
                    $"Migration {migration.Version:D4}_{migration.Name} was changed after it was applied " +
                    "(checksum differs). Add a new migration instead of editing an applied one.");
            }
        }

        return MigrationCatalog.Migrations.Where(m => !applied.ContainsKey(m.Version)).ToList();
    }

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, string>();
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying migration {Version:D4}_{Name}")]
    private partial void LogApplying(int version, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema up to date: {Applied} migration(s) applied now, latest version {Latest}")]
    private partial void LogDone(int applied, int latest);
}
