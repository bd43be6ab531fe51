using System.Text.Json;

namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>
/// A transaction found by its <c>transaction_id</c>: Maileon's "Get Transaction" answers the transaction's content
/// itself (e.g. <c>{"transaction_id":"abc123","name":"Max Mustermann"}</c>). Finding it at all is what tells an
/// earlier attempt landed.
/// </summary>
public sealed record MaileonStoredTransaction(string TransactionId, JsonElement Content);
