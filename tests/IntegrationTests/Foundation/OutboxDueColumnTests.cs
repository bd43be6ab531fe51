using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PipedriveMaileon.Database.Schema;
using PipedriveMaileon.IntegrationTests.Infrastructure;

namespace PipedriveMaileon.IntegrationTests.Foundation;

/// <summary>
/// The storage write copies the state's top-level <c>OutboxDueAt</c> into its indexed column (the sweeper's way back
/// to unfinished work): present, absent, null, only nested, and non-JSON payloads.
/// </summary>
public sealed class OutboxDueColumnTests
{
    [Theory]
    [InlineData("{\"OutboxDueAt\":\"2026-11-27T03:26:23.033+00:00\",\"Outbox\":{\"Entries\":[{\"Id\":1}]}}", "2026-11-27T03:26:23.033+00:00")]
    [InlineData("{\"Subscription\":{\"Status\":1},\"OutboxDueAt\":\"2026-11-27T04:00:00+01:00\"}", "2026-11-27T03:00:00+00:00")]
    [InlineData("{\"Subscription\":{\"Status\":1},\"Outbox\":{\"Entries\":[]}}", null)]
    [InlineData("{\"OutboxDueAt\":null,\"Outbox\":{}}", null)]
    [InlineData("{\"Person\":{\"StandardFields\":{\"OutboxDueAt\":\"2026-11-27T03:26:23+00:00\"}}}", null)]
    [InlineData("{\"Person\":{\"Name\":\"\\\"OutboxDueAt\\\":\\\"2026-11-27T03:26:23+00:00\\\"\"}}", null)]
    [InlineData("not json \"OutboxDueAt\":\"2026-11-27T03:26:23+00:00\"", null)]
    public async Task Write_copies_only_the_top_level_due_time(string payload, string? expected)
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("outboxdue");
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
            var bytes = Encoding.UTF8.GetBytes(payload);

            // First write (insert), then an update with the same payload: both paths fill the column.
            Assert.Equal(1, await WriteAsync(dataSource, null, bytes));
            Assert.Equal(Expected(expected), await DueAsync(dataSource));
            Assert.Equal(2, await WriteAsync(dataSource, 1, bytes));
            Assert.Equal(Expected(expected), await DueAsync(dataSource));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    private static DateTimeOffset? Expected(string? text) =>
        text is null ? null : DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime();

    private static async Task<int?> WriteAsync(NpgsqlDataSource dataSource, int? version, byte[] payload)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT NewGrainStateVersion FROM orleans_storage_write(7, 7, 0, 1, 'contact', 'x', 'svc', $1, $2)");
        command.Parameters.Add(new NpgsqlParameter<int?> { TypedValue = version, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = payload });
        var result = await command.ExecuteScalarAsync();
        return result is DBNull or null ? null : (int)result;
    }

    private static async Task<DateTimeOffset?> DueAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT OutboxDueAt FROM OrleansStorage WHERE GrainIdN0 = 7");
        var result = await command.ExecuteScalarAsync();
        return result is DateTime at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
    }
}
