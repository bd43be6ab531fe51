using System.Text.Json;
using System.Text.Json.Nodes;
using PipedriveMaileon.Sandbox.Common;
using PipedriveMaileon.Sandbox.Maileon.Accounts;
using PipedriveMaileon.Sandbox.Maileon.Contacts;
using PipedriveMaileon.Sandbox.Maileon.Wire;

namespace PipedriveMaileon.Sandbox.Maileon.Transactions;

/// <summary>
/// <c>POST /transactions</c> (a JSON array of events, one report each, in input order) and the read/delete
/// resources used to inspect them.
/// </summary>
public static class TransactionEndpoints
{
    /// <summary>Maileon's documented limit per request entity. The real status for a larger body is not documented; 413 here.</summary>
    public const int MaxBodyBytes = 9_000_000;

    public const int MaxListCount = 2000;

    public static void Map(RouteGroupBuilder api)
    {
        // POST /transactions?ignore_invalid_transactions&generate_transaction_id (JSON array) → 200 application/json
        // {"reports":[{"contact":{…},"queued":…,"transaction_id"?,"message":…}]}; an unknown contact without import is
        // not queued, or makes the whole request 400 <error> with ignore_invalid_transactions=false
        // (docs: "Create Transactions"; PHP TransactionsService::createTransactions, ProcessingReport, ReportContact).
        api.MapPost("/transactions", Create);

        // GET /transactions?type_id&count&min_excluded_transaction_id → 200 application/json
        // [{"tx":{content},"txId":n,"contactId":n,"email":"…"}] (PHP getRecentTransactions deserializes each item into
        // transactions/RecentTransaction.php: tx "the data for the transaction", txId, contactId, email).
        api.MapGet("/transactions", List);
        api.MapDelete("/transactions", DeleteBefore);

        // GET /transactions/{typeId}/transaction_id/{id} → 200 application/json with the transaction's content itself,
        // e.g. {"transaction_id":"abc123","name":"Max Mustermann"}; the first match when ids repeat (docs: "Get Transaction").
        api.MapGet("/transactions/{typeId}/transaction_id/{transactionId}", GetByTransactionId);
        api.MapDelete("/transactions/{typeId}/transaction_id/{transactionId}", DeleteByTransactionId);
    }

    private static async Task<IResult> Create(HttpContext http, MaileonStore store, SandboxClock clock)
    {
        if (ContactBodyParser.MediaType(http.Request.ContentType) is not "application/json")
        {
            return MaileonResponses.UnsupportedMediaType(http.Request.ContentType, "application/json");
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return TooLarge(http.Request.ContentLength.Value);
        }

        var query = new QueryReader(http.Request);
        var ignoreInvalid = query.Bool("ignore_invalid_transactions", true);
        var generateIds = query.Bool("generate_transaction_id", false);
        if (query.Failed)
        {
            return MaileonResponses.BadRequest(query.Error);
        }

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        if (buffer.Length > MaxBodyBytes)
        {
            return TooLarge(buffer.Length);
        }

        JsonArray events;
        try
        {
            events = JsonNode.Parse(buffer.ToArray()) as JsonArray
                ?? throw new JsonException("the body must be a JSON array of transactions");
        }
        catch (JsonException exception)
        {
            return MaileonResponses.BadRequest($"The transactions JSON is malformed: {exception.Message}");
        }

        lock (store.Gate)
        {
            var account = store.FindAccount(AuthenticatedAccount.From(http).AccountId)!;
            var checkedEvents = events.Select((node, index) => Check(account, node, index)).ToList();
            if (!ignoreInvalid && checkedEvents.FirstOrDefault(e => e.Error is not null) is { } invalid)
            {
                return MaileonResponses.BadRequest(invalid.Error!);
            }

            var reports = new JsonArray();
            foreach (var item in checkedEvents)
            {
                reports.Add(item.Error is not null ? FailedReport(item) : Accept(store, account, item, generateIds, clock));
            }

            return MaileonResponses.JsonBody(new JsonObject { ["reports"] = reports });
        }
    }

    private static CheckedEvent Check(NewsletterAccount account, JsonNode? node, int index)
    {
        if (node is not JsonObject transaction)
        {
            return new CheckedEvent(index, null, null, null, null, null, $"Transaction {index} is not a JSON object.");
        }

        var importContact = (transaction["import"] as JsonObject)?["contact"] as JsonObject;
        var reference = importContact ?? transaction["contact"] as JsonObject;
        var type = ResolveType(account, transaction, out var typeError);
        if (type is null)
        {
            return new CheckedEvent(index, transaction, reference, null, null, importContact, typeError);
        }

        if (reference is null)
        {
            return new CheckedEvent(index, transaction, null, type, null, null, "The transaction references no contact (contact or import is required).");
        }

        var content = transaction["content"] as JsonObject ?? [];
        if (transaction["content"] is { } given && given is not JsonObject)
        {
            return new CheckedEvent(index, transaction, reference, type, null, importContact, "The content of a transaction must be a JSON object.");
        }

        if (TransactionContentValidator.Validate(type, content) is { } contentError)
        {
            return new CheckedEvent(index, transaction, reference, type, null, importContact, contentError);
        }

        if (importContact is not null)
        {
            var email = Text(importContact["email"]);
            if (!EmailAddress.IsValid(email))
            {
                return new CheckedEvent(index, transaction, reference, type, null, importContact, $"The import contact has no valid email: '{email}'.");
            }

            var permission = importContact["permission"];
            if (permission is not null && !(permission.GetValueKind() == JsonValueKind.Number && permission.AsValue().TryGetValue<int>(out var code) && Permission.IsValid(code)))
            {
                return new CheckedEvent(index, transaction, reference, type, null, importContact, $"Invalid import permission {permission.ToJsonString()}.");
            }

            return new CheckedEvent(index, transaction, reference, type, account.FindActiveByEmail(email!), importContact, null);
        }

        var contact = FindContact(account, reference);
        return contact is null
            ? new CheckedEvent(index, transaction, reference, type, null, null, $"Contact not found: {reference.ToJsonString()}.")
            : new CheckedEvent(index, transaction, reference, type, contact, null, null);
    }

    private static TransactionType? ResolveType(NewsletterAccount account, JsonObject transaction, out string? error)
    {
        error = null;
        var typeNode = transaction["type"];
        if (typeNode is not null)
        {
            if (typeNode.GetValueKind() == JsonValueKind.Number && typeNode.AsValue().TryGetValue<long>(out var id))
            {
                var byId = account.TransactionTypes.GetValueOrDefault(id);
                error = byId is null ? $"Transaction type {id} not found." : null;
                return byId;
            }

            error = $"The transaction type must be a numeric id but was {typeNode.ToJsonString()}.";
            return null;
        }

        if (Text(transaction["typeName"]) is { Length: > 0 } name)
        {
            var byName = account.TransactionTypes.Values.FirstOrDefault(t => t.Name == name);
            error = byName is null ? $"Transaction type {name} not found." : null;
            return byName;
        }

        error = "The transaction has no type (type or typeName is required).";
        return null;
    }

    private static MaileonContact? FindContact(NewsletterAccount account, JsonObject reference)
    {
        if (reference["id"] is { } idNode && idNode.GetValueKind() == JsonValueKind.Number && idNode.AsValue().TryGetValue<long>(out var id))
        {
            return account.Contacts.GetValueOrDefault(id) is { Anonymous: false } byId ? byId : null;
        }

        if (Text(reference["email"]) is { Length: > 0 } email)
        {
            return account.FindActiveByEmail(email);
        }

        if (Text(reference["external_id"]) is { Length: > 0 } externalId)
        {
            return account.FindActiveByExternalId(externalId).FirstOrDefault();
        }

        return null;
    }

    private static JsonObject Accept(MaileonStore store, NewsletterAccount account, CheckedEvent item, bool generateIds, SandboxClock clock)
    {
        var now = clock.UtcNow;
        var contact = item.Contact;
        var created = false;
        if (item.Import is { } import)
        {
            contact = account.FindActiveByEmail(Text(import["email"])!);
            if (contact is null)
            {
                contact = new MaileonContact
                {
                    Id = store.NextContactId(),
                    AccountId = account.Id,
                    Email = Text(import["email"]),
                    ExternalId = Text(import["external_id"]),
                    Created = now,
                    Updated = now,
                    Permission = import["permission"]?.GetValue<int>() ?? Permission.None,
                    Src = "transaction import",
                };
                account.Contacts[contact.Id] = contact;
                account.Index(contact);
                created = true;
            }

            account.Imports.Add(new ImportRecord
            {
                At = now,
                Email = Text(import["email"]),
                ExternalId = Text(import["external_id"]),
                Permission = import["permission"]?.GetValue<int>(),
                ContactId = contact.Id,
                ContactCreated = created,
                TypeId = item.Type!.Id,
            });
        }

        var content = (item.Transaction!["content"] as JsonObject)?.DeepClone().AsObject() ?? [];
        var transactionId = Text(content[TransactionContentValidator.TransactionIdAttribute]);
        if (transactionId is null && generateIds)
        {
            transactionId = Guid.NewGuid().ToString("D");
            if (item.Type!.Attributes.Any(a => a.Name == TransactionContentValidator.TransactionIdAttribute))
            {
                content[TransactionContentValidator.TransactionIdAttribute] = transactionId;
            }
        }

        account.Transactions.Add(new StoredTransaction
        {
            Id = store.NextTransactionId(),
            TypeId = item.Type!.Id,
            TypeName = item.Type.Name,
            ContactId = contact!.Id,
            Email = contact.Email,
            ExternalId = contact.ExternalId,
            TransactionId = transactionId,
            Content = content,
            ReceivedAt = now,
            Imported = item.Import is not null,
            AttachmentCount = (item.Transaction["attachments"] as JsonArray)?.Count ?? 0,
        });

        var reportContact = new JsonObject { ["id"] = contact.Id, ["email"] = contact.Email, ["external_id"] = contact.ExternalId };
        if (item.Import is not null)
        {
            reportContact["permission"] = contact.Permission;
            reportContact["created"] = created;
        }

        var report = new JsonObject { ["contact"] = reportContact, ["queued"] = true };
        if (transactionId is not null)
        {
            report["transaction_id"] = transactionId;
        }

        report["message"] = null;
        return report;
    }

    private static JsonObject FailedReport(CheckedEvent item) => new()
    {
        ["contact"] = item.Reference?.DeepClone() ?? new JsonObject(),
        ["queued"] = false,
        ["message"] = item.Error,
    };

    private static IResult List(HttpContext http, MaileonStore store)
    {
        var query = new QueryReader(http.Request);
        var typeId = query.Long("type_id");
        var count = query.IntInRange("count", 1, MaxListCount, "count must be between 1 and 2000 but was {0}") ?? 1000;
        var minExcluded = query.Long("min_excluded_transaction_id") ?? 0;
        if (!query.Failed && typeId is null)
        {
            query.Fail("Parameter type_id is required.");
        }

        if (query.Failed)
        {
            return MaileonResponses.BadRequest(query.Error);
        }

        lock (store.Gate)
        {
            var account = store.FindAccount(AuthenticatedAccount.From(http).AccountId)!;
            if (!account.TransactionTypes.ContainsKey(typeId!.Value))
            {
                return MaileonResponses.NotFound($"Transaction type {typeId} not found.");
            }

            var matching = account.Transactions.Where(t => t.TypeId == typeId && t.Id > minExcluded).TakeLast(count);
            return MaileonResponses.JsonBody(new JsonArray([.. matching.Select(t => (JsonNode)Recent(t))]));
        }
    }

    private static IResult GetByTransactionId(HttpContext http, string typeId, string transactionId, MaileonStore store)
    {
        lock (store.Gate)
        {
            var account = store.FindAccount(AuthenticatedAccount.From(http).AccountId)!;
            var type = account.FindTransactionType(typeId);
            var found = type is null ? null : account.Transactions.FirstOrDefault(t => t.TypeId == type.Id && t.TransactionId == transactionId);
            return found is null
                ? MaileonResponses.NotFound($"Transaction {transactionId} of type {typeId} not found.")
                : MaileonResponses.JsonBody(found.Content.DeepClone());
        }
    }

    private static IResult DeleteByTransactionId(HttpContext http, string typeId, string transactionId, MaileonStore store)
    {
        lock (store.Gate)
        {
            var account = store.FindAccount(AuthenticatedAccount.From(http).AccountId)!;
            var type = account.FindTransactionType(typeId);
            var removed = type is null ? 0 : account.Transactions.RemoveAll(t => t.TypeId == type.Id && t.TransactionId == transactionId);
            return removed == 0 ? MaileonResponses.NotFound($"Transaction {transactionId} of type {typeId} not found.") : Results.NoContent();
        }
    }

    private static IResult DeleteBefore(HttpContext http, MaileonStore store)
    {
        var query = new QueryReader(http.Request);
        var typeId = query.Long("type_id");
        var before = query.Long("before_timestamp");
        if (!query.Failed && (typeId is null || before is null))
        {
            query.Fail("Parameters type_id and before_timestamp are required.");
        }

        if (query.Failed)
        {
            return MaileonResponses.BadRequest(query.Error);
        }

        lock (store.Gate)
        {
            var account = store.FindAccount(AuthenticatedAccount.From(http).AccountId)!;
            account.Transactions.RemoveAll(t => t.TypeId == typeId && t.ReceivedAt.ToUnixTimeMilliseconds() < before);
            return Results.NoContent();
        }
    }

    /// <summary>One item of the recent-transactions list, in the fields <c>RecentTransaction</c> reads.</summary>
    private static JsonObject Recent(StoredTransaction transaction) => new()
    {
        ["tx"] = transaction.Content.DeepClone(),
        ["txId"] = transaction.Id,
        ["contactId"] = transaction.ContactId,
        ["email"] = transaction.Email,
    };

    private static IResult TooLarge(long bytes) =>
        MaileonResponses.Error(StatusCodes.Status413PayloadTooLarge,
            $"The request entity has {bytes.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes; at most {MaxBodyBytes} are allowed per request.");

    private static string? Text(JsonNode? node) =>
        node is not null && node.GetValueKind() is JsonValueKind.String or JsonValueKind.Number ? node.ToString() : null;

    private sealed record CheckedEvent(int Index, JsonObject? Transaction, JsonObject? Reference, TransactionType? Type, MaileonContact? Contact, JsonObject? Import, string? Error);
}
