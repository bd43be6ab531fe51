using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace PipedriveMaileon.Database.Tenants;

/// <summary>
/// <c>tenant_ingress</c>: written by the tenant grain when a company's webhook credentials or installation change,
/// read by every web node as a change feed (<see cref="ReadChangesAsync"/>), so webhook authentication needs neither
/// a grain call nor a database query per request.
/// </summary>
public sealed class TenantIngressStore(NpgsqlDataSource dataSource)
{
    /// <summary>The horizon that reads the whole table (a web node's first read).</summary>
    public const ulong Everything = 0;

    /// <summary>Installs or updates a company's row: installed, with the hashes its webhooks are checked against.</summary>
    public async Task PublishAsync(TenantIngressEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO tenant_ingress (company_id, installed, pipedrive_credential_hash, maileon_token_hash) VALUES ($1, $2, $3, $4)
            ON CONFLICT (company_id) DO UPDATE
               SET installed = excluded.installed, pipedrive_credential_hash = excluded.pipedrive_credential_hash,
                   maileon_token_hash = excluded.maileon_token_hash, changed_by = pg_current_xact_id()
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = entry.CompanyId });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = entry.Installed });
        command.Parameters.Add(Hash(entry.PipedriveCredentialHash));
        command.Parameters.Add(Hash(entry.MaileonTokenHash));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Marks a company uninstalled and keeps its hashes: a sender that still has the right credentials learns the
    /// app is gone (410), everyone else is refused as before (401). Nothing happens for a company without a row.
    /// </summary>
    public async Task MarkUninstalledAsync(long companyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE tenant_ingress SET installed = false, changed_by = pg_current_xact_id() WHERE company_id = $1 AND installed");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = companyId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The rows written by transactions at or after <paramref name="horizon"/> (<see cref="Everything"/> the first
    /// time), and the next horizon: the oldest transaction still running as this read's snapshot was taken. Every
    /// transaction below it had finished, so this read saw its rows; every later one gets an id at or above it, so
    /// the next read sees its rows. One statement, one snapshot, served by the index on <c>changed_by</c>.
    /// </summary>
    public async Task<TenantIngressChanges> ReadChangesAsync(ulong horizon, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT s.horizon::text, t.company_id, t.installed, t.pipedrive_credential_hash, t.maileon_token_hash
              FROM (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS horizon) s
              LEFT JOIN tenant_ingress t ON t.changed_by >= $1::text::xid8
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = horizon.ToString(CultureInfo.InvariantCulture) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<TenantIngressEntry>();
        var next = horizon;
        while (await reader.ReadAsync(cancellationToken))
        {
            next = ulong.Parse(reader.GetString(0), NumberStyles.None, CultureInfo.InvariantCulture);
            if (!reader.IsDBNull(1))
            {
                entries.Add(new TenantIngressEntry(
                    reader.GetInt64(1),
                    reader.GetBoolean(2),
                    reader.IsDBNull(3) ? null : reader.GetFieldValue<byte[]>(3),
                    reader.IsDBNull(4) ? null : reader.GetFieldValue<byte[]>(4)));
            }
        }

        return new TenantIngressChanges(entries, next);
    }

    private static NpgsqlParameter Hash(byte[]? hash) => new() { Value = (object?)hash ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea };
}
