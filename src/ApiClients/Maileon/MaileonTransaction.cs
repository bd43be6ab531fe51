using System.Text.Json.Nodes;

namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>
/// One event for <c>POST /transactions</c>: <c>{"typeName":..,"contact":{..},"content":{..}}</c>.
/// <see cref="TransactionId"/>, when set, is written into the content as the special <c>transaction_id</c>
/// attribute (the type must declare it), so a later <c>GetTransaction</c> can tell whether the event landed.
/// </summary>
public sealed record MaileonTransaction(
    MaileonContactReference Contact,
    string TypeName,
    JsonObject Content,
    string? TransactionId = null);
