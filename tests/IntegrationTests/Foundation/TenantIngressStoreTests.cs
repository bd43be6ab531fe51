using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PipedriveMaileon.Database.Schema;
using PipedriveMaileon.Database.Tenants;
using PipedriveMaileon.IntegrationTests.Infrastructure;

namespace PipedriveMaileon.IntegrationTests.Foundation;

/// <summary>
/// <c>tenant_ingress</c> as a change feed: every web node reads the rows written since its last read, and no change
/// slips past it, not even one committed late by a transaction that began before an earlier read.
/// </summary>
public sealed class TenantIngressStoreTests
{
    [Fact]
    public async Task Every_change_reaches_the_reader_including_one_committed_after_a_later_one()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("ingressfeed");
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
            var store = new TenantIngressStore(dataSource);
            await store.PublishAsync(new TenantIngressEntry(1, true, [1, 1], [1, 2]), CancellationToken.None);

            var first = await store.ReadChangesAsync(TenantIngressStore.Everything, CancellationToken.None);
            Assert.Equal([1L], first.Entries.Select(e => e.CompanyId));
            Assert.Equal([1, 1], first.Entries[0].PipedriveCredentialHash);

            // A transaction that writes company 2 and stays open while company 3 is written and read.
            await using var slow = await dataSource.OpenConnectionAsync();
            await using var transaction = await slow.BeginTransactionAsync();
            await using (var insert = new NpgsqlCommand("INSERT INTO tenant_ingress (company_id, installed) VALUES (2, true)", slow, transaction))
            {
                await insert.ExecuteNonQueryAsync();
            }

            await store.PublishAsync(new TenantIngressEntry(3, true, [3], null), CancellationToken.None);
            var second = await store.ReadChangesAsync(first.NextHorizon, CancellationToken.None);
            Assert.Contains(3L, second.Entries.Select(e => e.CompanyId));
            Assert.DoesNotContain(2L, second.Entries.Select(e => e.CompanyId));

            await transaction.CommitAsync();
            var third = await store.ReadChangesAsync(second.NextHorizon, CancellationToken.None);
            Assert.Contains(2L, third.Entries.Select(e => e.CompanyId));

            // Uninstall keeps the hashes; a company without a row stays without one.
            await store.MarkUninstalledAsync(1, CancellationToken.None);
            await store.MarkUninstalledAsync(99, CancellationToken.None);
            var fourth = await store.ReadChangesAsync(third.NextHorizon, CancellationToken.None);
            var one = Assert.Single(fourth.Entries, e => e.CompanyId == 1);
            Assert.False(one.Installed);
            Assert.Equal([1, 1], one.PipedriveCredentialHash);
            Assert.Equal([1, 2], one.MaileonTokenHash);
            Assert.DoesNotContain(fourth.Entries, e => e.CompanyId == 99);

            // Rows may come again (a transaction still running anywhere on the server holds the horizon back), but
            // the horizon never goes backwards.
            var again = await store.ReadChangesAsync(fourth.NextHorizon, CancellationToken.None);
            Assert.True(again.NextHorizon >= fourth.NextHorizon);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Tenants_stored_before_the_directory_existed_get_their_row_from_their_grain_state()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("ingressfill");
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
            var active = Convert.ToBase64String([1, 2, 3]);
            var token = Convert.ToBase64String([4, 5, 6]);
            await StoreTenantAsync(dataSource, 11, $$"""{"Status":1,"ConfigVersion":3,"PipedriveCredentialHash":"{{active}}","MaileonTokenHash":"{{token}}"}""");
            await StoreTenantAsync(dataSource, 12, $$"""{"Status":2,"PipedriveCredentialHash":"{{active}}"}""");
            await StoreTenantAsync(dataSource, 13, """{"Status":3,"PipedriveCredentialHash":null}""");
            await StoreTenantAsync(dataSource, 14, """{"Status":0}""");
            await StoreTenantAsync(dataSource, 15, """{"ConfigVersion":1}""");
            var store = new TenantIngressStore(dataSource);
            await store.PublishAsync(new TenantIngressEntry(11, true, [9], [9]), CancellationToken.None); // written by the grain already

            await using (var backfill = dataSource.CreateCommand(MigrationCatalog.Migrations.Single(m => m.Name == "tenant_ingress_backfill").Sql))
            {
                await backfill.ExecuteNonQueryAsync();
            }

            var rows = (await store.ReadChangesAsync(TenantIngressStore.Everything, CancellationToken.None)).Entries.ToDictionary(e => e.CompanyId);
            Assert.Equal([11L, 12L, 13L], rows.Keys.Order());
            Assert.Equal([9], rows[11].PipedriveCredentialHash);
            Assert.True(rows[12].Installed);
            Assert.Equal([1, 2, 3], rows[12].PipedriveCredentialHash);
            Assert.Null(rows[12].MaileonTokenHash);
            Assert.False(rows[13].Installed);
            Assert.Null(rows[13].PipedriveCredentialHash);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    private static async Task StoreTenantAsync(NpgsqlDataSource dataSource, long companyId, string payload)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, Version)
            VALUES (7, 0, $1, 1, 'tenant', NULL, 'svc', $2, 1)
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = companyId });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = System.Text.Encoding.UTF8.GetBytes(payload) });
        await command.ExecuteNonQueryAsync();
    }
}
