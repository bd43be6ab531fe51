using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PipedriveMaileon.Database.Schema;
using PipedriveMaileon.IntegrationTests.Infrastructure;

namespace PipedriveMaileon.IntegrationTests.Foundation;

public sealed class SchemaMigrationTests
{
    /// <summary>Every query key the 10.4.2 ADO.NET providers require (clustering, persistence, reminders).</summary>
    private static readonly string[] RequiredQueryKeys =
    [
        "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey",
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Fact]
    public async Task Migrate_command_applies_everything_once_and_a_second_run_is_a_no_op()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("migrate");
        try
        {
            var environment = new Dictionary<string, string?> { ["ConnectionStrings__Orleans"] = connectionString };
            await using var first = ManagedProcess.Start("migrate-1", "Silo", environment, "migrate");
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains($"Applied {MigrationCatalog.Migrations.Count} migration(s)", first.OutputText, StringComparison.Ordinal);

            await using var second = ManagedProcess.Start("migrate-2", "Silo", environment, "migrate");
            Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("nothing to do", second.OutputText, StringComparison.Ordinal);

            Assert.Equal(MigrationCatalog.Migrations.Count, await TestPostgres.ScalarAsync<long>(connectionString, "SELECT count(*) FROM schema_migrations"));
            var keys = await QueryKeysAsync(connectionString);
            Assert.Empty(RequiredQueryKeys.Except(keys));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Concurrent_migrators_serialise_and_all_succeed()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("concurrent");
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
                new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync()));

            Assert.Equal(MigrationCatalog.Migrations.Count, runs.Sum(r => r.Count));
            Assert.True((await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).GetStatusAsync()).IsUpToDate);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task A_silo_on_an_unmigrated_database_exits_at_once_naming_the_migrate_command()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("unmigrated");
        try
        {
            await using var silo = ManagedProcess.Start("silo-unmigrated", "Silo", new Dictionary<string, string?>
            {
                ["ConnectionStrings__Orleans"] = connectionString,
                ["Secrets__MasterKey"] = Database.DataProtection.MasterKey.Generate(),
                ["Pipedrive__ClientId"] = "app",
                ["Pipedrive__ClientSecret"] = "secret",
                ["Orleans__SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Orleans__GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            });

            Assert.Equal(3, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("PipedriveMaileon.Silo.dll migrate", silo.OutputText, StringComparison.Ordinal);
            Assert.Equal(0, await TestPostgres.ScalarAsync<long>(connectionString,
                "SELECT count(*) FROM pg_tables WHERE tablename = 'orleansmembershiptable'"));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task A_silo_without_a_connection_string_says_which_setting_is_missing()
    {
        await using var silo = ManagedProcess.Start("silo-unconfigured", "Silo", new Dictionary<string, string?>());

        Assert.Equal(2, await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("ConnectionStrings:Orleans is not set", silo.OutputText, StringComparison.Ordinal);
    }

    private static async Task<List<string>> QueryKeysAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT querykey FROM orleansquery", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}
