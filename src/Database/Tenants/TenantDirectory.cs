using Npgsql;
using PipedriveMaileon.Database.Connections;

namespace PipedriveMaileon.Database.Tenants;

/// <summary>
/// The list of tenants operators see (<c>tenants</c> table). The tenant grain is the source of truth; this is
/// its summary, written after each status change.
/// </summary>
public sealed class TenantDirectory(NpgsqlDataSource dataSource)
{
    public async Task UpsertAsync(long companyId, string companyName, string status, DateTimeOffset installedAt, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO tenants (company_id, company_name, status, installed_at, updated_at) VALUES ($1, $2, $3, $4, now())
            ON CONFLICT (company_id) DO UPDATE
               SET company_name = excluded.company_name, status = excluded.status, installed_at = excluded.installed_at, updated_at = now()
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = companyId });
        command.Parameters.Add(new NpgsqlParameter { Value = companyName });
        command.Parameters.Add(new NpgsqlParameter { Value = status });
        command.Parameters.Add(new NpgsqlParameter { Value = installedAt.ToUniversalTime() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<IReadOnlyList<TenantSummary>> ListAsync(CancellationToken cancellationToken) =>
        TransientRetry.ReadAsync(() => ReadListAsync(cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<TenantSummary>> ReadListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT company_id, company_name, status, installed_at, updated_at FROM tenants ORDER BY company_name, company_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tenants = new List<TenantSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tenants.Add(new TenantSummary(reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return tenants;
    }
}
