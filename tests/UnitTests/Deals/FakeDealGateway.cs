using System.Text.Json;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Deals;

namespace PipedriveMaileon.UnitTests.Deals;

/// <summary>An in-memory tenant for <see cref="DealEventSender"/> and the types logic: records every call.</summary>
internal sealed class FakeDealGateway : IDealGateway
{
    public DealTenantStatus Tenant { get; set; } = new(true, true, null);
    public Dictionary<string, MaileonTransactionType> Types { get; } = [];
    public Dictionary<long, PipedrivePerson> Persons { get; } = [];
    public Dictionary<string, MaileonContact> Contacts { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<long, string> Users { get; } = [];
    public Dictionary<long, string> Organizations { get; } = [];
    public Dictionary<long, string> SmartBcc { get; } = [];
    public HashSet<string> StoredTransactionIds { get; } = [];
    public List<MaileonTransaction> Sent { get; } = [];
    public List<string> Calls { get; } = [];
    public Func<MaileonTransaction, MaileonTransactionReport>? Report { get; set; }
    public Exception? FailSendWith { get; set; }
    private long nextTypeId = 100;

    public Task<DealTenantStatus> GetTenantAsync() => Task.FromResult(Tenant);

    public Task<MaileonTransactionType?> GetTransactionTypeAsync(string name, CancellationToken cancellationToken)
    {
        Calls.Add($"GetType {name}");
        return Task.FromResult(Types.GetValueOrDefault(name));
    }

    public Task<long?> CreateTransactionTypeAsync(MaileonTransactionTypeDefinition definition, CancellationToken cancellationToken)
    {
        Calls.Add($"CreateType {definition.Name}");
        var id = ++nextTypeId;
        Types[definition.Name] = new MaileonTransactionType(id, definition.Name, definition.Attributes);
        return Task.FromResult<long?>(id);
    }

    public Task<PipedrivePerson?> GetPersonAsync(long personId, CancellationToken cancellationToken)
    {
        Calls.Add($"GetPerson {personId}");
        return Task.FromResult(Persons.GetValueOrDefault(personId));
    }

    public Task<PipedriveDeal?> GetDealAsync(long dealId, CancellationToken cancellationToken)
    {
        Calls.Add($"GetDeal {dealId}");
        return Task.FromResult<PipedriveDeal?>(new PipedriveDeal(
            dealId, "t", null, null, "open", null, null, null, null, null, null, null, null, null, null, false, false,
            SmartBcc.GetValueOrDefault(dealId), new Dictionary<string, JsonElement>()));
    }

    public Task<string?> GetUserNameAsync(long userId, CancellationToken cancellationToken)
    {
        Calls.Add($"GetUser {userId}");
        return Task.FromResult(Users.GetValueOrDefault(userId));
    }

    public Task<string?> GetOrganizationNameAsync(long organizationId, CancellationToken cancellationToken)
    {
        Calls.Add($"GetOrg {organizationId}");
        return Task.FromResult(Organizations.GetValueOrDefault(organizationId));
    }

    public Task<MaileonContact?> GetContactAsync(string email, CancellationToken cancellationToken)
    {
        Calls.Add($"GetContact {email}");
        return Task.FromResult(Contacts.GetValueOrDefault(email));
    }

    public Task<bool> TransactionExistsAsync(long typeId, string transactionId, CancellationToken cancellationToken)
    {
        Calls.Add($"GetTransaction {transactionId}");
        return Task.FromResult(StoredTransactionIds.Contains(transactionId));
    }

    public Task<IReadOnlyList<MaileonTransactionReport>> SendTransactionsAsync(IReadOnlyList<MaileonTransaction> transactions, CancellationToken cancellationToken)
    {
        Calls.Add($"Send {transactions.Count}");
        if (FailSendWith is { } failure)
        {
            throw failure;
        }

        Sent.AddRange(transactions);
        IReadOnlyList<MaileonTransactionReport> reports = transactions
            .Select(t => Report?.Invoke(t) ?? new MaileonTransactionReport(true, null, t.TransactionId, t.Contact.ContactId, null, null))
            .ToList();
        foreach (var t in transactions.Where(t => t.TransactionId is not null))
        {
            StoredTransactionIds.Add(t.TransactionId!);
        }

        return Task.FromResult(reports);
    }

    public void AddPerson(long id, string name, string? email) =>
        Persons[id] = new PipedrivePerson(id, name, null, null, null, null, null, null,
            email is null ? [] : [new PipedriveEmail(email, true, "work")], false, new Dictionary<string, JsonElement>());

    public void AddContact(string email, long id) =>
        Contacts[email] = new MaileonContact(id, email, null, MaileonPermissionLevel.DoubleOptIn, null, null,
            new Dictionary<string, string?>(), new Dictionary<string, string?>());
}
