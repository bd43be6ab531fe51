using Npgsql;

namespace PipedriveMaileon.Database.Outbox;

/// <summary>Reads the outbox due times the storage write keeps in <c>OrleansStorage.OutboxDueAt</c>.</summary>
public sealed class OutboxBacklogRepository(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<OverdueGrain>> FindOverdueAsync(string serviceId, TimeSpan grace, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT GrainTypeString, GrainIdN1, GrainIdExtensionString, OutboxDueAt
              FROM OrleansStorage
             WHERE ServiceId = $1 AND OutboxDueAt < now() - $2
             ORDER BY OutboxDueAt
             LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        command.Parameters.Add(new NpgsqlParameter { Value = grace });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>
    /// The grains of one tenant that have outbox work not yet done (waiting, backing off or due): its person and deal
    /// grains (key extension = the company id) and those keyed by the company id alone or with an e-mail address
    /// (its address grains). Parked work has no due time and is not found here.
    /// </summary>
    public async Task<IReadOnlyList<OverdueGrain>> WithWorkAsync(string serviceId, long companyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT GrainTypeString, GrainIdN1, GrainIdExtensionString, OutboxDueAt
              FROM OrleansStorage
             WHERE ServiceId = $1 AND OutboxDueAt IS NOT NULL
               AND (GrainIdExtensionString = $2
                    OR (GrainIdN1 = $3 AND (GrainIdExtensionString IS NULL OR GrainIdExtensionString !~ '^[0-9]+$')))
             ORDER BY OutboxDueAt
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        command.Parameters.Add(new NpgsqlParameter { Value = companyId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        command.Parameters.Add(new NpgsqlParameter { Value = companyId });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>
    /// Outbox depth per tenant: person and deal grains are keyed (id, company id), so the key extension is the
    /// tenant; the tenant grain itself is keyed by the company id.
    /// </summary>
    public async Task<IReadOnlyList<TenantBacklog>> BacklogByTenantAsync(string serviceId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT CASE WHEN GrainIdExtensionString ~ '^[0-9]+$' THEN GrainIdExtensionString::bigint ELSE GrainIdN1 END AS company_id,
                   count(*), min(OutboxDueAt)
              FROM OrleansStorage
             WHERE ServiceId = $1 AND OutboxDueAt IS NOT NULL
             GROUP BY 1
             ORDER BY 3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var backlog = new List<TenantBacklog>();
        while (await reader.ReadAsync(cancellationToken))
        {
            backlog.Add(new TenantBacklog(reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return backlog;
    }

    private static async Task<IReadOnlyList<OverdueGrain>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var grains = new List<OverdueGrain>();
        while (await reader.ReadAsync(cancellationToken))
        {
            grains.Add(new OverdueGrain(
                reader.GetString(0),
                reader.GetInt64(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return grains;
    }
}
