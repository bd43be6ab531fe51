using System.CommandLine;
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

    public static Command Create()
    {
        var createDatabase = new Option<bool>("--create-database")
        {
            Description = "Create the database named in ConnectionStrings:Orleans first when it does not exist (local runs).",
        };
        var command = new Command(Name, "Apply the pending schema migrations to ConnectionStrings:Orleans and exit; running it again is a no-op.")
        {
            createDatabase,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(createDatabase), [.. parse.UnmatchedTokens], cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(bool createDatabase, string[] configurationArgs, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(SiloCommandLine.HostSettings(configurationArgs));
        var connectionString = DatabaseConfiguration.GetRequiredConnectionString(builder.Configuration);
        if (createDatabase)
        {
            await CreateDatabaseIfMissingAsync(connectionString, cancellationToken);
        }

        builder.Services.AddApplicationDatabase(builder.Configuration);
        using var host = builder.Build();
        var applied = await host.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
        Console.WriteLine(applied.Count == 0
            ? $"Database already at schema version {MigrationCatalog.LatestVersion}; nothing to do."
            : $"Applied {applied.Count} migration(s); database at schema version {MigrationCatalog.LatestVersion}.");
        return SiloExitCodes.Success;
    }

    private static async Task CreateDatabaseIfMissingAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var database = target.Database ?? throw new InvalidOperationException("ConnectionStrings:Orleans names no Database.");
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.Add(new NpgsqlParameter { Value = database });
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            var quoted = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted} ENCODING 'UTF8'", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            Console.WriteLine($"Created database {database}.");
        }
    }
}
