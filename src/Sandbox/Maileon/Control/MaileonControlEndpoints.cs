using System.Text.Json.Nodes;
using PipedriveMaileon.Sandbox.Maileon.Accounts;
using PipedriveMaileon.Sandbox.Maileon.Contacts;
using PipedriveMaileon.Sandbox.Maileon.Transactions;
using PipedriveMaileon.Sandbox.Maileon.Webhooks;
using PipedriveMaileon.Sandbox.Maileon.Wire;

namespace PipedriveMaileon.Sandbox.Maileon.Control;

/// <summary>
/// The Maileon control API for tests, the demo and the console (JSON, no authentication; the sandbox is local):
/// accounts and keys, the recipient's actions (confirm DOI, unsubscribe via mail link), and everything recorded.
/// </summary>
public static class MaileonControlEndpoints
{
    public static void Map(RouteGroupBuilder control)
    {
        control.MapGet("/accounts", ListAccounts);
        control.MapPost("/accounts", CreateAccount);
        control.MapPut("/accounts/{id:long}", UpdateAccount);
        control.MapPost("/accounts/{id:long}/keys", CreateKey);
        control.MapPut("/keys/{id:long}", UpdateKey);
        control.MapDelete("/keys/{id:long}", DeleteKey);

        control.MapGet("/contacts", ListContacts);
        control.MapPost("/doi/confirm", ConfirmDoi);
        control.MapPost("/unsubscribe", Unsubscribe);

        control.MapGet("/doi-mails", ListDoiMails);
        control.MapGet("/transactions", ListTransactions);
        control.MapGet("/imports", ListImports);
        control.MapGet("/unsubscriptions", ListUnsubscriptions);
        control.MapGet("/webhooks", ListWebhooks);
        control.MapGet("/webhook-deliveries", ListDeliveries);
        control.MapGet("/idle", Idle);
        control.MapGet("/behaviour", (MaileonStore store) => Results.Ok(store.Behaviour));
        control.MapPut("/behaviour", UpdateBehaviour);
    }

    public static JsonObject DescribeAccount(NewsletterAccount account, IEnumerable<ApiKey> keys) => new()
    {
        ["id"] = account.Id,
        ["name"] = account.Name,
        ["customerAccountId"] = account.CustomerAccountId,
        ["customerAccountName"] = account.CustomerAccountName,
        ["blocked"] = account.Blocked,
        ["doiMailingKeys"] = new JsonArray([.. account.DoiMailingKeys.Select(k => (JsonNode)k)]),
        ["keys"] = new JsonArray([.. keys.Where(k => k.AccountId == account.Id).Select(k => (JsonNode)DescribeKey(k))]),
        ["contacts"] = account.Contacts.Values.Count(c => !c.Anonymous),
        ["webhooks"] = account.Webhooks.Count,
    };

    private static JsonObject DescribeKey(ApiKey key) => new()
    {
        ["id"] = key.Id,
        ["accountId"] = key.AccountId,
        ["key"] = key.Key,
        ["label"] = key.Label,
        ["methods"] = new JsonArray([.. key.Methods.Select(m => (JsonNode)m)]),
        ["expiresAt"] = key.ExpiresAt,
        ["deactivated"] = key.Deactivated,
    };

    private static JsonObject DescribeContact(MaileonContact contact, MaileonTime time) => new()
    {
        ["id"] = contact.Id,
        ["accountId"] = contact.AccountId,
        ["email"] = contact.Email,
        ["externalId"] = contact.ExternalId,
        ["permission"] = contact.Permission,
        ["permissionName"] = Permission.TypeName(contact.Permission),
        ["anonymous"] = contact.Anonymous,
        ["pendingDoiMailId"] = contact.PendingDoiMailId,
        ["created"] = time.ContactTimestamp(contact.Created),
        ["updated"] = time.ContactTimestamp(contact.Updated),
        ["standardFields"] = new JsonObject([.. contact.StandardFields.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value))]),
        ["customFields"] = new JsonObject([.. contact.CustomFields.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value))]),
    };

    private static IResult ListAccounts(MaileonStore store)
    {
        lock (store.Gate)
        {
            return MaileonResponses.JsonBody(new JsonArray([.. store.Accounts.OrderBy(a => a.Id).Select(a => (JsonNode)DescribeAccount(a, store.ApiKeys))]));
        }
    }

    private static IResult CreateAccount(CreateAccountRequest request, MaileonStore store)
    {
        lock (store.Gate)
        {
            if (request.Id is { } id && store.FindAccount(id) is not null)
            {
                return Problem(StatusCodes.Status409Conflict, $"Account {id} exists already.");
            }

            if (request.ApiKey is { Length: > 0 } wanted && store.FindKey(wanted) is not null)
            {
                return Problem(StatusCodes.Status409Conflict, "That API key exists already.");
            }

            var account = store.CreateAccount(request.Name ?? "Sandbox newsletter account", request.Id, request.CustomerAccountId ?? 234,
                request.CustomerAccountName ?? "Sandbox Customer", request.DoiMailingKeys ?? ["doi-default"]);
            store.CreateKey(account.Id, request.ApiKey, null, null, false, "created by control API");
            return MaileonResponses.JsonBody(DescribeAccount(account, store.ApiKeys), StatusCodes.Status201Created);
        }
    }

    private static IResult UpdateAccount(long id, UpdateAccountRequest request, MaileonStore store)
    {
        lock (store.Gate)
        {
            var account = store.FindAccount(id);
            if (account is null)
            {
                return Problem(StatusCodes.Status404NotFound, $"Account {id} not found.");
            }

            account.Blocked = request.Blocked ?? account.Blocked;
            account.Name = request.Name ?? account.Name;
            if (request.DoiMailingKeys is not null)
            {
                account.DoiMailingKeys = [.. request.DoiMailingKeys];
            }

            return MaileonResponses.JsonBody(DescribeAccount(account, store.ApiKeys));
        }
    }

    private static IResult CreateKey(long id, KeyRequest request, MaileonStore store)
    {
        if (ValidateMethods(request.Methods) is { } problem)
        {
            return problem;
        }

        lock (store.Gate)
        {
            if (store.FindAccount(id) is null)
            {
                return Problem(StatusCodes.Status404NotFound, $"Account {id} not found.");
            }

            if (request.Key is { Length: > 0 } wanted && store.FindKey(wanted) is not null)
            {
                return Problem(StatusCodes.Status409Conflict, "That API key exists already.");
            }

            var key = store.CreateKey(id, request.Key, request.Methods, request.ExpiresAt, request.Deactivated ?? false, request.Label);
            return MaileonResponses.JsonBody(DescribeKey(key), StatusCodes.Status201Created);
        }
    }

    private static IResult UpdateKey(long id, KeyRequest request, MaileonStore store)
    {
        if (ValidateMethods(request.Methods) is { } problem)
        {
            return problem;
        }

        lock (store.Gate)
        {
            var key = store.FindKeyById(id);
            if (key is null)
            {
                return Problem(StatusCodes.Status404NotFound, $"API key {id} not found.");
            }

            if (request.Methods is not null)
            {
                key.Methods = [.. request.Methods.Select(m => m.ToUpperInvariant()).Distinct()];
            }

            key.ExpiresAt = request.ClearExpiry == true ? null : request.ExpiresAt ?? key.ExpiresAt;
            key.Deactivated = request.Deactivated ?? key.Deactivated;
            key.Label = request.Label ?? key.Label;
            return MaileonResponses.JsonBody(DescribeKey(key));
        }
    }

    private static IResult DeleteKey(long id, MaileonStore store)
    {
        lock (store.Gate)
        {
            return store.RemoveKey(id) ? Results.NoContent() : Problem(StatusCodes.Status404NotFound, $"API key {id} not found.");
        }
    }

    private static IResult ListContacts(long? accountId, string? email, bool? includeAnonymous, MaileonStore store, MaileonTime time)
    {
        lock (store.Gate)
        {
            var contacts = store.Accounts.Where(a => accountId is null || a.Id == accountId)
                .SelectMany(a => a.Contacts.Values)
                .Where(c => includeAnonymous == true || !c.Anonymous)
                .Where(c => email is null || string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase))
                .OrderBy(c => c.Id);
            return MaileonResponses.JsonBody(new JsonArray([.. contacts.Select(c => (JsonNode)DescribeContact(c, time))]));
        }
    }

    /// <summary>Follows the confirmation link of the contact's pending DOI mail (or of the given mail).</summary>
    private static IResult ConfirmDoi(ContactSelector selector, MaileonStore store, ContactService contacts)
    {
        long accountId;
        long mailId;
        lock (store.Gate)
        {
            if (selector.MailId is { } givenMail)
            {
                var owner = store.Accounts.FirstOrDefault(a => a.DoiMails.Any(m => m.Id == givenMail));
                if (owner is null)
                {
                    return Problem(StatusCodes.Status404NotFound, $"DOI mail {givenMail} not found.");
                }

                (accountId, mailId) = (owner.Id, givenMail);
            }
            else
            {
                var (contact, failure) = Find(selector, store);
                if (contact is null)
                {
                    return failure!;
                }

                if (contact.PendingDoiMailId is not { } pending)
                {
                    return Problem(StatusCodes.Status409Conflict, $"Contact {contact.Id} has no DOI mail waiting for confirmation.");
                }

                (accountId, mailId) = (contact.AccountId, pending);
            }
        }

        var outcome = contacts.ConfirmDoi(accountId, mailId);
        return Outcome(outcome, store);
    }

    /// <summary>The recipient unsubscribes (default source <c>link</c>, the link in a mail).</summary>
    private static IResult Unsubscribe(ContactSelector selector, MaileonStore store, ContactService contacts)
    {
        MaileonContact? contact;
        lock (store.Gate)
        {
            (contact, var failure) = Find(selector, store);
            if (contact is null)
            {
                return failure!;
            }
        }

        var id = contact.Id;
        var outcome = contacts.Unsubscribe(contact.AccountId, account => account.Contacts.GetValueOrDefault(id) is { Anonymous: false } c ? [c] : [],
            selector.Source ?? "link", selector.Reasons ?? [], $"Contact {id} not found.", selector.MailingId);
        return Outcome(outcome, store);
    }

    private static IResult ListDoiMails(long? accountId, string? email, MaileonStore store, MaileonTime time)
    {
        lock (store.Gate)
        {
            var mails = store.Accounts.Where(a => accountId is null || a.Id == accountId).SelectMany(a => a.DoiMails)
                .Where(m => email is null || string.Equals(m.Email, email, StringComparison.OrdinalIgnoreCase)).OrderBy(m => m.Id);
            return Results.Ok(mails.ToList());
        }
    }

    private static IResult ListTransactions(long? accountId, string? typeName, string? email, MaileonStore store, MaileonTime time)
    {
        lock (store.Gate)
        {
            var transactions = store.Accounts.Where(a => accountId is null || a.Id == accountId).SelectMany(a => a.Transactions)
                .Where(t => typeName is null || t.TypeName == typeName)
                .Where(t => email is null || string.Equals(t.Email, email, StringComparison.OrdinalIgnoreCase))
                .OrderBy(t => t.Id);
            return MaileonResponses.JsonBody(new JsonArray([.. transactions.Select(t => (JsonNode)DescribeTransaction(t, time))]));
        }
    }

    /// <summary>The sandbox's own view of a stored event (not a Maileon shape): type, contact reference, content, time.</summary>
    private static JsonObject DescribeTransaction(StoredTransaction transaction, MaileonTime time) => new()
    {
        ["id"] = transaction.Id,
        ["type"] = transaction.TypeId,
        ["typeName"] = transaction.TypeName,
        ["contact"] = new JsonObject { ["id"] = transaction.ContactId, ["email"] = transaction.Email, ["external_id"] = transaction.ExternalId },
        ["transaction_id"] = transaction.TransactionId,
        ["content"] = transaction.Content.DeepClone(),
        ["created"] = time.Seconds(transaction.ReceivedAt),
    };

    private static IResult ListImports(long? accountId, MaileonStore store)
    {
        lock (store.Gate)
        {
            return Results.Ok(store.Accounts.Where(a => accountId is null || a.Id == accountId).SelectMany(a => a.Imports).OrderBy(i => i.At).ToList());
        }
    }

    private static IResult ListUnsubscriptions(long? accountId, MaileonStore store)
    {
        lock (store.Gate)
        {
            return Results.Ok(store.Accounts.Where(a => accountId is null || a.Id == accountId).SelectMany(a => a.Unsubscriptions).OrderBy(u => u.Timestamp).ToList());
        }
    }

    private static IResult ListWebhooks(long? accountId, MaileonStore store)
    {
        lock (store.Gate)
        {
            var webhooks = store.Accounts.Where(a => accountId is null || a.Id == accountId).SelectMany(a => a.Webhooks.Values).OrderBy(w => w.Id);
            return MaileonResponses.JsonBody(new JsonArray([.. webhooks.Select(w => (JsonNode)WebhookEndpoints.Describe(w))]));
        }
    }

    private static IResult ListDeliveries(long? after, long? accountId, string? @event, MaileonStore store)
    {
        lock (store.Gate)
        {
            return Results.Ok(store.Deliveries.Where(d => d.Sequence > (after ?? 0))
                .Where(d => accountId is null || d.AccountId == accountId)
                .Where(d => @event is null || d.Event == @event).ToList());
        }
    }

    private static IResult Idle(WebhookDispatcher dispatcher) =>
        Results.Ok(new { pendingWebhookCalls = dispatcher.Pending, idle = dispatcher.Pending == 0 });

    private static IResult UpdateBehaviour(BehaviourPatch patch, MaileonStore store)
    {
        var current = store.Behaviour;
        var updated = current with
        {
            WebhookTimeoutSeconds = patch.WebhookTimeoutSeconds ?? current.WebhookTimeoutSeconds,
            WebhookMaxAttempts = patch.WebhookMaxAttempts ?? current.WebhookMaxAttempts,
            WebhookRetryDelaysSeconds = patch.WebhookRetryDelaysSeconds ?? current.WebhookRetryDelaysSeconds,
            WebhookUrlKeepsRawPlus = patch.WebhookUrlKeepsRawPlus ?? current.WebhookUrlKeepsRawPlus,
            RequireHttpsWebhookUrls = patch.RequireHttpsWebhookUrls ?? current.RequireHttpsWebhookUrls,
            SendDoiMailWhenPermissionValid = patch.SendDoiMailWhenPermissionValid ?? current.SendDoiMailWhenPermissionValid,
        };
        if (updated.Validate() is { } problem)
        {
            return Problem(StatusCodes.Status400BadRequest, problem);
        }

        store.Behaviour = updated;
        return Results.Ok(updated);
    }

    private static (MaileonContact? Contact, IResult? Failure) Find(ContactSelector selector, MaileonStore store)
    {
        var accounts = store.Accounts.Where(a => selector.AccountId is null || a.Id == selector.AccountId).ToList();
        if (selector.ContactId is { } id)
        {
            var byId = accounts.Select(a => a.Contacts.GetValueOrDefault(id)).FirstOrDefault(c => c is { Anonymous: false });
            return byId is null ? (null, Problem(StatusCodes.Status404NotFound, $"Contact {id} not found.")) : (byId, null);
        }

        if (string.IsNullOrEmpty(selector.Email))
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "Give contactId, or email (and accountId when several accounts have it)."));
        }

        var matches = accounts.Select(a => a.FindActiveByEmail(selector.Email)).OfType<MaileonContact>().ToList();
        return matches.Count switch
        {
            0 => (null, Problem(StatusCodes.Status404NotFound, $"No contact has the email {selector.Email}.")),
            1 => (matches[0], null),
            _ => (null, Problem(StatusCodes.Status409Conflict, $"Several accounts have a contact {selector.Email}; give accountId.")),
        };
    }

    private static IResult Outcome(ContactOutcome outcome, MaileonStore store)
    {
        if (outcome.Failed)
        {
            return Problem(outcome.Status, outcome.Error!);
        }

        lock (store.Gate)
        {
            var contact = store.Accounts.Select(a => a.Contacts.GetValueOrDefault(outcome.ContactId ?? 0)).OfType<MaileonContact>().FirstOrDefault();
            return Results.Ok(new
            {
                contactId = outcome.ContactId,
                permission = contact?.Permission,
                anonymous = contact?.Anonymous,
                doiMailId = outcome.DoiMailId,
                alreadyDone = outcome.Ignored,
            });
        }
    }

    private static IResult? ValidateMethods(List<string>? methods) =>
        methods?.FirstOrDefault(m => !ApiKey.AllMethods.Contains(m, StringComparer.OrdinalIgnoreCase)) is { } wrong
            ? Problem(StatusCodes.Status400BadRequest, $"Unknown HTTP method {wrong}; use GET, POST, PUT, DELETE.")
            : null;

    private static IResult Problem(int status, string message) => Results.Json(new { error = message }, statusCode: status);
}
