using System.Globalization;
using System.Net;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>Transactions (contact events): send in batches, find one by its <c>transaction_id</c>.</summary>
public sealed class MaileonTransactions(MaileonTransport transport)
{
    /// <summary>
    /// <c>POST /transactions?ignore_invalid_transactions=true</c> with JSON arrays no larger than
    /// <see cref="MaileonOptions.MaxTransactionBatchBytes"/>. Returns one report per event, in input order.
    /// If the first request fails, the exception is thrown (nothing was sent); if a later one fails, its events
    /// and the rest report <see cref="MaileonTransactionReport.NotSent"/> so the events already queued are not
    /// sent twice. Requests are never repeated here: Maileon does not de-duplicate events.
    /// </summary>
    public async Task<IReadOnlyList<MaileonTransactionReport>> SendTransactionsAsync(
        MaileonConnection connection,
        IReadOnlyList<MaileonTransaction> transactions,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var encoded = transactions.Select(MaileonTransactionJson.Encode).ToArray();
        var reports = new MaileonTransactionReport[encoded.Length];
        var maxBytes = transport.Options.MaxTransactionBatchBytes;
        var anySent = false;
        var index = 0;
        while (index < encoded.Length)
        {
            if (encoded[index].Length + 2 > maxBytes)
            {
                reports[index] = MaileonTransactionJson.NotSent(transactions[index], ApiFailureKind.Rejected, $"The event is larger than the {maxBytes}-byte request limit.");
                index++;
                continue;
            }

            var batchEnd = index + 1;
            var size = encoded[index].Length + 2;
            while (batchEnd < encoded.Length && size + 1 + encoded[batchEnd].Length <= maxBytes)
            {
                size += 1 + encoded[batchEnd].Length;
                batchEnd++;
            }

            try
            {
                var batchReports = await SendBatchAsync(connection, encoded.AsMemory(index, batchEnd - index), size, cancellationToken);
                for (var i = index; i < batchEnd; i++)
                {
                    reports[i] = i - index < batchReports.Count
                        ? batchReports[i - index]
                        : new MaileonTransactionReport(false, "Maileon returned no report for this event.", transactions[i].TransactionId, null, null, null);
                }
            }
            catch (MaileonApiException failure) when (anySent)
            {
                for (var i = index; i < encoded.Length; i++)
                {
                    reports[i] = MaileonTransactionJson.NotSent(transactions[i], failure.Kind, failure.Message);
                }

                return reports;
            }

            anySent = true;
            index = batchEnd;
        }

        return reports;
    }

    /// <summary>
    /// <c>GET /transactions/{typeId}/transaction_id/{transactionId}</c>: finds an event by the special
    /// <c>transaction_id</c> attribute, e.g. to check whether an earlier attempt landed. Maileon answers the
    /// transaction's content (docs: "Get Transaction"). Null when not found.
    /// </summary>
    public async Task<MaileonStoredTransaction?> GetTransactionAsync(
        MaileonConnection connection,
        long transactionTypeId,
        string transactionId,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transactionId);
        var reply = await transport.SendAsync(
            connection, "GetTransaction", HttpMethod.Get,
            $"transactions/{transactionTypeId.ToString(CultureInfo.InvariantCulture)}/transaction_id/{UrlEncoding.Encode(transactionId)}",
            null, null, MaileonTransport.JsonMediaType, false, cancellationToken);
        if (reply.Status == HttpStatusCode.NotFound)
        {
            return null;
        }

        MaileonTransport.EnsureSuccess("GetTransaction", reply, connection);
        using var document = MaileonTransport.ParseJson("GetTransaction", string.IsNullOrWhiteSpace(reply.Body) ? reply with { Body = "{}" } : reply);
        return new MaileonStoredTransaction(transactionId, document.RootElement.Clone());
    }

    private async Task<IReadOnlyList<MaileonTransactionReport>> SendBatchAsync(
        MaileonConnection connection,
        ReadOnlyMemory<byte[]> batch,
        int size,
        CancellationToken cancellationToken)
    {
        var body = new byte[size];
        body[0] = (byte)'[';
        var offset = 1;
        for (var i = 0; i < batch.Length; i++)
        {
            if (i > 0)
            {
                body[offset++] = (byte)',';
            }

            batch.Span[i].CopyTo(body, offset);
            offset += batch.Span[i].Length;
        }

        body[offset] = (byte)']';
        var reply = await transport.SendAsync(
            connection, "SendTransactions", HttpMethod.Post, "transactions?ignore_invalid_transactions=true",
            body, MaileonTransport.JsonMediaType, MaileonTransport.JsonMediaType, false, cancellationToken);
        MaileonTransport.EnsureSuccess("SendTransactions", reply, connection);
        using var document = MaileonTransport.ParseJson("SendTransactions", reply);
        return JsonValues.Array(document.RootElement, "reports").Select(MaileonTransactionJson.ParseReport).ToArray();
    }
}
