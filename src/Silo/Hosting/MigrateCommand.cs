using Npgsql;
using PipedriveMaileon.Database.Connections;
using PipedriveMaileon.Database.Schema;

namespace PipedriveMaileon.Silo.Hosting;

/// <summary>
/// <c>PipedriveMaileon.Silo migrate [--create-database]</c>: applies pending migrations and exits. With
/// <c>--create-database</c> the database named in the connection string is created first when it does not exist
/// (local runs; production databases are provisioned by their operators).
/// </summary>
public static class MigrateCommand
{
    public const string Name = "migrate";
    public const string CreateDatabaseFlag = "--create-database";

    public static async Task<int> RunAsync(string[] args)
    {
        var createDatabase = args.Contains(CreateDatabaseFlag);
        var builder = Host.CreateApplicationBuilder(args.Where(a => a != CreateDatabaseFlag).ToArray());
        var connectionString = DatabaseConfiguration.GetRequiredConnectionString(builder.Configuration);
        if (createDatabase)
        {
            await CreateDatabaseIfMissingAsync(connectionString);
        }

        using var loggerFactory = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true));
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var migrator = new SchemaMigrator(dataSource, loggerFactory.CreateLogger<SchemaMigrator>());
        var applied = await migrator.MigrateAsync();
        Console.WriteLine(applied.Count == 0
            ? $"Database already at schema version {MigrationCatalog.LatestVersion}; nothing to do."
            : $"Applied {applied.Count} migration(s); database at schema version {MigrationCatalog.LatestVersion}.");
        return 0;
    }

    private static async Task CreateDatabaseIfMissingAsync(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var database = target.Database ?? throw new InvalidOperationException("ConnectionStrings:Orleans names no Database.");
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.Add(new NpgsqlParameter { Value = database });
        if (await exists.ExecuteScalarAsync() is null)
        {
            var quoted = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted} ENCODING 'UTF8'", connection);
            await create.ExecuteNonQueryAsync();
            Console.WriteLine($"Created database {database}.");
        }
    }
}
