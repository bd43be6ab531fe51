using System.Runtime.CompilerServices;
using Npgsql;
using PipedriveMaileon.Database.Connections;

namespace PipedriveMaileon.Database.Journal;

/// <summary>
/// Reads a tenant's activity log and consent ledger. Every query is scoped by company id: callers pass the
/// company of the authenticated session, never one taken from the request.
/// </summary>
public sealed class JournalReader(NpgsqlDataSource dataSource)
{
    public Task<IReadOnlyList<ActivityRecord>> RecentActivityAsync(long companyId, int limit, CancellationToken cancellationToken) =>
        TransientRetry.ReadAsync(() => ReadRecentActivityAsync(companyId, limit, cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<ActivityRecord>> ReadRecentActivityAsync(long companyId, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT entry_id, occurred_at, level, area, person_id, deal_id, message
              FROM activity_log WHERE company_id = $1 ORDER BY occurred_at DESC LIMIT $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = companyId });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<ActivityRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new ActivityRecord
            {
                EntryId = reader.GetGuid(0),
                OccurredAt = reader.GetFieldValue<DateTimeOffset>(1),
                Level = Enum.Parse<ActivityLevel>(reader.GetString(2)),
                Area = reader.GetString(3),
                PersonId = reader.IsDBNull(4) ? null : reader.GetInt64(4),
                DealId = reader.IsDBNull(5) ? null : reader.GetInt64(5),
                Message = reader.GetString(6),
            });
        }

        return records;
    }

    /// <summary>
    /// Persons and deals whose side effects were given up (error lines in the activity log since
    /// <paramref name="since"/>): the grains a "retry failed" asks to put their parked work back in line.
    /// </summary>
    public Task<(IReadOnlyList<long> PersonIds, IReadOnlyList<long> DealIds)> FailedItemsAsync(long companyId, DateTimeOffset since, CancellationToken cancellationToken) =>
        TransientRetry.ReadAsync(() => ReadFailedItemsAsync(companyId, since, cancellationToken), cancellationToken);

    private async Task<(IReadOnlyList<long> PersonIds, IReadOnlyList<long> DealIds)> ReadFailedItemsAsync(long companyId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT DISTINCT person_id, deal_id FROM activity_log
             WHERE company_id = $1 AND level = 'Error' AND occurred_at >= $2 AND (person_id IS NOT NULL OR deal_id IS NOT NULL)
             LIMIT 10000
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = companyId });
        command.Parameters.Add(new NpgsqlParameter { Value = since });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var persons = new HashSet<long>();
        var deals = new HashSet<long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.IsDBNull(1))
            {
                deals.Add(reader.GetInt64(1));
            }
            else if (!reader.IsDBNull(0))
            {
                persons.Add(reader.GetInt64(0));
            }
        }

        return ([.. persons], [.. deals]);
    }

    /// <summary>The whole ledger of a tenant (or of one person), oldest first, streamed.</summary>
    public async IAsyncEnumerable<LedgerRow> LedgerAsync(long companyId, long? personId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT person_id, sequence, occurred_at, recorded_at, actor, source, from_status, to_status, email, detail, maileon_outcome
              FROM consent_ledger
             WHERE company_id = $1 AND ($2::bigint IS NULL OR person_id = $2)
             ORDER BY person_id, sequence
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = companyId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)personId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new LedgerRow(
                reader.GetInt64(0),
                new ConsentLedgerRecord
                {
                    Sequence = reader.GetInt32(1),
                    OccurredAt = reader.GetFieldValue<DateTimeOffset>(2),
                    Actor = reader.GetString(4),
                    Source = reader.GetString(5),
                    FromStatus = reader.GetString(6),
                    ToStatus = reader.GetString(7),
                    Email = reader.IsDBNull(8) ? null : reader.GetString(8),
                    Detail = reader.IsDBNull(9) ? null : reader.GetString(9),
                    MaileonOutcome = reader.IsDBNull(10) ? null : reader.GetString(10),
                },
                reader.GetFieldValue<DateTimeOffset>(3));
        }
    }
}
