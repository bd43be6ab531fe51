using Microsoft.Extensions.Logging;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.Grains.Deals;

/// <summary>
/// Sends the deal events of each tenant on this silo in batches: the first event opens a short window
/// (<see cref="Window"/>), everything arriving meanwhile (up to <see cref="MaxBatch"/>) goes out in one
/// <c>POST /transactions</c>; the client splits it further below Maileon's size limit. Each caller gets its own event's
/// report. Nothing is stored here: a lost batch is the callers' outbox entries, which retry (checking
/// <c>transaction_id</c> first). A deal has at most one event in flight, so batching never reorders a deal's events.
/// A batch goes out with one key: callers holding different versions of the tenant's settings never share one, so a
/// refusal of a key replaced meanwhile never answers a caller that holds the current key. A refused key reaches each
/// caller as the refusal itself (<see cref="MaileonApiException"/>), so it can try the current key
/// (<see cref="Tenants.TenantConnections.CallWithCurrentMaileonKeyAsync{T}"/>).
/// </summary>
public sealed partial class DealEventBatcher(MaileonTransactions maileonTransactions, ILogger<DealEventBatcher> logger)
{
    public const int MaxBatch = 200;
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(50);

    private readonly Lock gate = new();
    private readonly Dictionary<(long CompanyId, long SettingsVersion), Batch> open = [];

    /// <param name="connection">The key to send with.</param>
    /// <param name="settingsVersion">The version of the tenant's settings the key was read from.</param>
    /// <param name="transaction">The event.</param>
    public Task<MaileonTransactionReport> SendAsync(MaileonConnection connection, long settingsVersion, MaileonTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        var key = (connection.CompanyId, settingsVersion);
        var reply = new TaskCompletionSource<MaileonTransactionReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        Batch? full = null;
        Batch? opened = null;
        lock (gate)
        {
            if (!open.TryGetValue(key, out var batch))
            {
                batch = opened = new Batch(key, connection);
                open[key] = batch;
            }

            batch.Items.Add((transaction, reply));
            if (batch.Items.Count >= MaxBatch)
            {
                open.Remove(key);
                full = batch;
            }
        }

        // Off the caller's grain: the flush outlives the call that opened the window.
        if (full is not null)
        {
            _ = Task.Run(() => FlushAsync(full));
        }
        else if (opened is not null)
        {
            _ = Task.Run(() => FlushLaterAsync(opened));
        }

        return reply.Task;
    }

    private async Task FlushLaterAsync(Batch batch)
    {
        await Task.Delay(Window);
        lock (gate)
        {
            if (!open.Remove(batch.Key, out var current) || !ReferenceEquals(current, batch))
            {
                if (current is not null)
                {
                    open[batch.Key] = current; // a newer window, opened after this one filled up
                }

                return;
            }
        }

        await FlushAsync(batch);
    }

    private async Task FlushAsync(Batch batch)
    {
        var items = batch.Items;
        try
        {
            var reports = await maileonTransactions.SendTransactionsAsync(batch.Connection, items.Select(i => i.Transaction).ToList(), CancellationToken.None);
            for (var i = 0; i < items.Count; i++)
            {
                items[i].Reply.TrySetResult(i < reports.Count
                    ? reports[i]
                    : NotSent(items[i].Transaction, "Maileon returned no report for this event.", ApiFailureKind.Transient));
            }

            if (items.Count > 1)
            {
                LogBatch(batch.Connection.CompanyId, items.Count);
            }
        }
        catch (MaileonApiException ex) when (ex.Kind is ApiFailureKind.Unauthorized or ApiFailureKind.Forbidden)
        {
            foreach (var (_, reply) in items)
            {
                reply.TrySetException(ex);
            }
        }
        catch (ApiClientException ex)
        {
            foreach (var (transaction, reply) in items)
            {
                reply.TrySetResult(NotSent(transaction, ex.Message, ex.Kind));
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            foreach (var (_, reply) in items)
            {
                reply.TrySetException(ex);
            }
        }
    }

    private static MaileonTransactionReport NotSent(MaileonTransaction transaction, string message, ApiFailureKind kind) =>
        new(false, message, transaction.TransactionId, transaction.Contact.ContactId, transaction.Contact.Email, transaction.Contact.ExternalId, kind);

    private sealed class Batch((long CompanyId, long SettingsVersion) key, MaileonConnection connection)
    {
        public (long CompanyId, long SettingsVersion) Key { get; } = key;

        public MaileonConnection Connection { get; } = connection;

        public List<(MaileonTransaction Transaction, TaskCompletionSource<MaileonTransactionReport> Reply)> Items { get; } = [];
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Tenant {CompanyId}: {Count} deal events sent in one batch")]
    private partial void LogBatch(long companyId, int count);
}
