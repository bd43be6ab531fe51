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
}
