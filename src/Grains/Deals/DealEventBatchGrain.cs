using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Interfaces.Deals;
using PipedriveMaileon.Grains.Hosting;

namespace PipedriveMaileon.Grains.Deals;

/// <summary>
/// Sends a tenant's pending deal events in batches: the first event opens a short window (<see cref="Window"/>),
/// everything arriving meanwhile (up to <see cref="MaxBatch"/>) goes out in one <c>POST /transactions</c>; the
/// client splits it further below Maileon's size limit. Reports are matched back to callers by position. Nothing
/// is stored here: a lost batch is the callers' outbox entries, which retry (checking <c>transaction_id</c> first).
/// </summary>
[GrainType(GrainTypes.DealEventBatch)]
[StatelessWorker(1)]
[Reentrant]
public sealed partial class DealEventBatchGrain(IDealGatewayFactory gateways, ILogger<DealEventBatchGrain> logger) : Grain, IDealEventBatchGrain
{
    public const int MaxBatch = 200;
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(50);

    private readonly List<(DealBatchItem Item, TaskCompletionSource<DealBatchReport> Reply)> pending = [];
    private IDealGateway? gateway;

    public Task<DealBatchReport> Send(DealBatchItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var reply = new TaskCompletionSource<DealBatchReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending.Add((item, reply));
        if (pending.Count >= MaxBatch)
        {
            _ = FlushAsync();
        }
        else if (pending.Count == 1)
        {
            _ = FlushLaterAsync();
        }

        return reply.Task;
    }

    private async Task FlushLaterAsync()
    {
        await Task.Delay(Window);
        await FlushAsync();
    }

    private async Task FlushAsync()
    {
        if (pending.Count == 0)
        {
            return;
        }

        var batch = pending.ToList();
        pending.Clear();
        try
        {
            gateway ??= gateways.Create(this.GetPrimaryKeyLong());
            var transactions = batch.Select(b => ToTransaction(b.Item)).ToList();
            var reports = await gateway.SendTransactionsAsync(transactions, CancellationToken.None);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Reply.TrySetResult(i < reports.Count
                    ? new DealBatchReport(reports[i].Queued, reports[i].Message, (int?)reports[i].NotSent)
                    : new DealBatchReport(false, "Maileon returned no report for this event.", (int)ApiFailureKind.Transient));
            }

            if (batch.Count > 1)
            {
                LogBatch(this.GetPrimaryKeyLong(), batch.Count);
            }
        }
        catch (ApiClientException ex)
        {
            foreach (var (_, reply) in batch)
            {
                reply.TrySetResult(new DealBatchReport(false, ex.Message, (int)ex.Kind));
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            foreach (var (_, reply) in batch)
            {
                reply.TrySetException(ex);
            }
        }
    }

    public static DealBatchItem ToItem(MaileonTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return new DealBatchItem
        {
            TypeName = transaction.TypeName,
            ContactId = transaction.Contact.ContactId,
            ContactExternalId = transaction.Contact.ExternalId,
            ContactEmail = transaction.Contact.Email,
            ContentJson = transaction.Content.ToJsonString(),
            TransactionId = transaction.TransactionId,
        };
    }

    public static MaileonTransactionReport ToReport(DealBatchReport report, MaileonTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(transaction);
        return new MaileonTransactionReport(report.Queued, report.Message, transaction.TransactionId, transaction.Contact.ContactId,
            transaction.Contact.Email, transaction.Contact.ExternalId, (ApiFailureKind?)report.NotSentKind);
    }

    private static MaileonTransaction ToTransaction(DealBatchItem item)
    {
        var contact = item.ContactId is { } id
            ? MaileonContactReference.ById(id)
            : item.ContactExternalId is { } externalId
                ? MaileonContactReference.ByExternalId(externalId)
                : MaileonContactReference.ByEmail(item.ContactEmail ?? throw new ArgumentException("The event names no contact.", nameof(item)));
        return new MaileonTransaction(contact, item.TypeName, JsonNode.Parse(item.ContentJson)!.AsObject(), item.TransactionId);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Tenant {CompanyId}: {Count} deal events sent in one batch")]
    private partial void LogBatch(long companyId, int count);
}
