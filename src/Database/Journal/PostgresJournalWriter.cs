using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace PipedriveMaileon.Database.Journal;

/// <summary>
/// Group-commits journal entries from many grains: whatever is queued when the writer gets to it goes into one
/// transaction of two multi-row inserts. Re-sent entries are ignored by their keys.
/// </summary>
public sealed partial class PostgresJournalWriter(NpgsqlDataSource dataSource, ILogger<PostgresJournalWriter> logger)
    : BackgroundService, IJournalWriter
{
    private const int MaxRecordsPerCommit = 2000;

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    public Task WriteAsync(JournalBatch batch, CancellationToken cancellationToken = default)
    {
        if (batch.IsEmpty)
        {
            return Task.CompletedTask;
        }

        var pending = new Pending(batch, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The journal writer has stopped.");
        }

        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var group = new List<Pending>();
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                group.Clear();
                var records = 0;
                while (records < MaxRecordsPerCommit && queue.Reader.TryRead(out var next))
                {
                    group.Add(next);
                    records += next.Batch.Ledger.Count + next.Batch.Activity.Count;
                }

                try
                {
                    await CommitAsync(group, stoppingToken);
                    group.ForEach(p => p.Done.TrySetResult());
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
                {
                    LogCommitFailed(ex, group.Count);
                    group.ForEach(p => p.Done.TrySetException(ex));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            queue.Writer.TryComplete();
            while (queue.Reader.TryRead(out var left))
            {
                left.Done.TrySetCanceled(CancellationToken.None);
            }
        }
    }

    private async Task CommitAsync(List<Pending> group, CancellationToken cancellationToken)
    {
        var ledger = group.SelectMany(p => p.Batch.Ledger.Select(r => (p.Batch.CompanyId, PersonId: p.Batch.PersonId ?? 0, Record: r))).ToList();
        var activity = group.SelectMany(p => p.Batch.Activity.Select(r => (p.Batch.CompanyId, Record: r))).ToList();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (ledger.Count > 0)
        {
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO consent_ledger
                    (company_id, person_id, sequence, occurred_at, actor, source, from_status, to_status, email, detail, maileon_outcome)
                SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::integer[], $4::timestamptz[], $5::text[], $6::text[],
                                     $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
                ON CONFLICT (company_id, person_id, sequence) DO NOTHING
                """, connection, transaction);
            insert.Parameters.Add(Array(ledger.Select(l => l.CompanyId), NpgsqlDbType.Bigint));
            insert.Parameters.Add(Array(ledger.Select(l => l.PersonId), NpgsqlDbType.Bigint));
            insert.Parameters.Add(Array(ledger.Select(l => l.Record.Sequence), NpgsqlDbType.Integer));
            insert.Parameters.Add(Array(ledger.Select(l => l.Record.OccurredAt.ToUniversalTime()), NpgsqlDbType.TimestampTz));
            insert.Parameters.Add(Array(ledger.Select(l => l.Record.Actor), NpgsqlDbType.Text));
            insert.Parameters.Add(Array(ledger.Select(l => l.Record.Source), NpgsqlDbType.Text));
            insert.Parameters.Add(Array(ledger.Select(l => l.Record.FromStatus), NpgsqlDbType.Text));
            insert.Parameters.Add(Array(ledger.Select(l => l.Record.ToStatus), NpgsqlDbType.Text));
            insert.Parameters.Add(Array(ledger.Select(l => l.Record.Email), NpgsqlDbType.Text));
            insert.Parameters.Add(Array(ledger.Select(l => l.Record.Detail), NpgsqlDbType.Text));
            insert.Parameters.Add(Array(ledger.Select(l => l.Record.MaileonOutcome), NpgsqlDbType.Text));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        if (activity.Count > 0)
        {
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO activity_log (company_id, entry_id, occurred_at, level, area, person_id, deal_id, message)
                SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::timestamptz[], $4::text[], $5::text[], $6::bigint[],
                                     $7::bigint[], $8::text[])
                ON CONFLICT (company_id, entry_id) DO NOTHING
                """, connection, transaction);
            insert.Parameters.Add(Array(activity.Select(a => a.CompanyId), NpgsqlDbType.Bigint));
            insert.Parameters.Add(Array(activity.Select(a => a.Record.EntryId), NpgsqlDbType.Uuid));
            insert.Parameters.Add(Array(activity.Select(a => a.Record.OccurredAt.ToUniversalTime()), NpgsqlDbType.TimestampTz));
            insert.Parameters.Add(Array(activity.Select(a => a.Record.Level.ToString()), NpgsqlDbType.Text));
            insert.Parameters.Add(Array(activity.Select(a => a.Record.Area), NpgsqlDbType.Text));
            insert.Parameters.Add(Array(activity.Select(a => a.Record.PersonId), NpgsqlDbType.Bigint));
            insert.Parameters.Add(Array(activity.Select(a => a.Record.DealId), NpgsqlDbType.Bigint));
            insert.Parameters.Add(Array(activity.Select(a => a.Record.Message), NpgsqlDbType.Text));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static NpgsqlParameter Array<T>(IEnumerable<T> values, NpgsqlDbType type) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | type };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal commit of {Batches} batch(es) failed; the grains keep their entries and retry")]
    private partial void LogCommitFailed(Exception exception, int batches);

    private sealed record Pending(JournalBatch Batch, TaskCompletionSource Done);
}
