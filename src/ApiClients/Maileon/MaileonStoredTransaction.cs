using System.Text.Json;

namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>
/// A transaction found by its <c>transaction_id</c>. Maileon does not document the response shape, so the JSON
/// is kept as it came; finding it at all is what tells an earlier attempt landed.
/// </summary>
public sealed record MaileonStoredTransaction(string TransactionId, JsonElement Raw);
