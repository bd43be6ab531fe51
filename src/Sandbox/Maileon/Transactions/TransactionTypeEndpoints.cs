using System.Xml.Linq;
using PipedriveMaileon.Sandbox.Common;
using PipedriveMaileon.Sandbox.Maileon.Accounts;
using PipedriveMaileon.Sandbox.Maileon.Contacts;
using PipedriveMaileon.Sandbox.Maileon.Wire;

namespace PipedriveMaileon.Sandbox.Maileon.Transactions;

/// <summary>
/// Transaction types: list (paged), count, get by id or name (404 when missing), create (XML or JSON by example;
/// a duplicate name is a 409, a sandbox choice), update (attributes may only be added), delete (204).
/// </summary>
public static class TransactionTypeEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        // GET /transactions/types?page_index&page_size → 200 <transaction_types> + X-Items/X-Pages; /count → <count>
        // (PHP getTransactionTypes, getTransactionTypesCount; TransactionType::fromXML).
        api.MapGet("/transactions/types", List);
        api.MapGet("/transactions/types/count", Count);

        // GET /transactions/types/{id|name} → 200 <transaction_type> with id, name, description, created,
        // archivingDuration, storeOnly, attributes/attribute(id, name, description, type, required) | 404 <error>
        // (PHP getTransactionType/getTransactionTypeByName share the path; Java serializer; Magento relies on the 404).
        api.MapGet("/transactions/types/{idOrName}", Get);

        // POST /transactions/types (XML, or JSON by example) → 201 <id>n</id> (Java client parses the <id>;
        // PHP createTransactionType sends XML without attribute ids and omits <required> when false).
        api.MapPost("/transactions/types", Create);
        api.MapPut("/transactions/types/{idOrName}", Update);

        // DELETE /transactions/types/{id|name} → 204 (Ruby client checks 204).
        api.MapDelete("/transactions/types/{idOrName}", Delete);
    }

    private static IResult List(HttpContext http, MaileonStore store)
    {
        var query = new QueryReader(http.Request);
        var (index, size) = query.Page(100);
        if (query.Failed)
        {
            return MaileonResponses.BadRequest(query.Error);
        }

        lock (store.Gate)
        {
            var types = Account(http, store).TransactionTypes.Values.OrderBy(t => t.Id).ToList();
            MaileonResponses.Paging(http, types.Count, size);
            return MaileonResponses.Xml(new XElement("transaction_types", types.Skip((index - 1) * size).Take(size).Select(TransactionTypeXml.Write)));
        }
    }

    private static IResult Count(HttpContext http, MaileonStore store)
    {
        lock (store.Gate)
        {
            return MaileonResponses.Count(Account(http, store).TransactionTypes.Count);
        }
    }

    private static IResult Get(HttpContext http, string idOrName, MaileonStore store)
    {
        lock (store.Gate)
        {
            return Account(http, store).FindTransactionType(idOrName) is { } type
                ? MaileonResponses.Xml(TransactionTypeXml.Write(type))
                : MaileonResponses.NotFound($"Transaction type {idOrName} not found.");
        }
    }

    private static async Task<IResult> Create(HttpContext http, MaileonStore store, SandboxClock clock)
    {
        var (parsed, failure) = await ReadAsync(http);
        if (failure is not null)
        {
            return failure;
        }

        lock (store.Gate)
        {
            var account = Account(http, store);
            if (account.TransactionTypes.Values.Any(t => string.Equals(t.Name, parsed!.Name, StringComparison.Ordinal)))
            {
                return MaileonResponses.Conflict($"A transaction type with the name {parsed!.Name} already exists.");
            }

            parsed!.Id = store.NextTransactionTypeId();
            parsed.Created = clock.UtcNow;
            foreach (var attribute in parsed.Attributes)
            {
                attribute.Id = store.NextAttributeId();
            }

            account.TransactionTypes[parsed.Id] = parsed;
            return MaileonResponses.Id(parsed.Id);
        }
    }

    private static async Task<IResult> Update(HttpContext http, string idOrName, MaileonStore store)
    {
        var (parsed, failure) = await ReadAsync(http, allowExample: false);
        if (failure is not null)
        {
            return failure;
        }

        lock (store.Gate)
        {
            var account = Account(http, store);
            var existing = account.FindTransactionType(idOrName);
            if (existing is null)
            {
                return MaileonResponses.NotFound($"Transaction type {idOrName} not found.");
            }

            if (account.TransactionTypes.Values.Any(t => t.Id != existing.Id && string.Equals(t.Name, parsed!.Name, StringComparison.Ordinal)))
            {
                return MaileonResponses.Conflict($"A transaction type with the name {parsed!.Name} already exists.");
            }

            foreach (var attribute in existing.Attributes)
            {
                var sent = parsed!.Attributes.FirstOrDefault(a => a.Name == attribute.Name);
                if (sent is null)
                {
                    return MaileonResponses.BadRequest($"Attribute {attribute.Name} is missing: existing attributes cannot be removed.");
                }

                if (sent.Type != attribute.Type || sent.Required != attribute.Required)
                {
                    return MaileonResponses.BadRequest($"Attribute {attribute.Name} cannot be changed (type {attribute.Type}, required {attribute.Required.ToString().ToLowerInvariant()}).");
                }
            }

            existing.Name = parsed!.Name;
            existing.Description = parsed.Description;
            existing.ArchivingDuration = parsed.ArchivingDuration;
            existing.StoreOnly = parsed.StoreOnly;
            foreach (var added in parsed.Attributes.Where(a => existing.Attributes.All(e => e.Name != a.Name)))
            {
                added.Id = store.NextAttributeId();
                existing.Attributes.Add(added);
            }

            return Results.Ok();
        }
    }

    private static IResult Delete(HttpContext http, string idOrName, MaileonStore store)
    {
        lock (store.Gate)
        {
            var account = Account(http, store);
            var type = account.FindTransactionType(idOrName);
            if (type is null)
            {
                return MaileonResponses.NotFound($"Transaction type {idOrName} not found.");
            }

            account.TransactionTypes.Remove(type.Id);
            account.Transactions.RemoveAll(t => t.TypeId == type.Id);
            return Results.NoContent();
        }
    }

    private static async Task<(TransactionType? Type, IResult? Failure)> ReadAsync(HttpContext http, bool allowExample = true)
    {
        var mediaType = ContactBodyParser.MediaType(http.Request.ContentType);
        var isXml = mediaType is MaileonResponses.XmlMediaType;
        var isExample = allowExample && mediaType is "application/json";
        if (!isXml && !isExample)
        {
            return (null, allowExample
                ? MaileonResponses.UnsupportedMediaType(http.Request.ContentType, MaileonResponses.XmlMediaType, "application/json")
                : MaileonResponses.UnsupportedMediaType(http.Request.ContentType, MaileonResponses.XmlMediaType));
        }

        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, MaileonResponses.BadRequest("The request body must contain a transaction type."));
        }

        var (type, error) = isXml ? TransactionTypeXml.Parse(body) : TransactionTypeXml.ParseByExample(body);
        return error is null ? (type, null) : (null, MaileonResponses.BadRequest(error));
    }

    private static NewsletterAccount Account(HttpContext http, MaileonStore store) =>
        store.FindAccount(AuthenticatedAccount.From(http).AccountId)!;
}
