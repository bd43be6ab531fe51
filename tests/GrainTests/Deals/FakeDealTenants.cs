using System.Collections.Concurrent;
using System.Text.Json;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Deals;

namespace PipedriveMaileon.GrainTests.Deals;

/// <summary>In-memory tenants (Pipedrive and Maileon side) standing in for the real gateway in the test silo.</summary>
public sealed class FakeDealTenants : IDealGatewayFactory
{
    private readonly ConcurrentDictionary<long, FakeDealTenant> tenants = new();

    public FakeDealTenant this[long companyId] => tenants.GetOrAdd(companyId, _ => new FakeDealTenant());

    public IDealGateway Create(long companyId) => this[companyId];
}

public sealed class FakeDealTenant : IDealGateway
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, MaileonTransactionType> types = [];
    private readonly Dictionary<long, PipedrivePerson> persons = [];
    private readonly Dictionary<string, long> contacts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<MaileonTransaction> sent = [];
    private readonly List<string> calls = [];
    private readonly HashSet<string> stored = [];
    private long nextTypeId = 500;

    public DealTenantStatus Status { get; set; } = new(true, true, null);

    /// <summary>How many of the next sends fail with a transient Maileon error.</summary>
    public int FailNextSends { get; set; }

    /// <summary>The next failing send still stores the events (the response was lost on the way back).</summary>
    public bool LoseResponses { get; set; }

    public IReadOnlyList<MaileonTransaction> Sent { get { lock (gate) { return [.. sent]; } } }

    public IReadOnlyList<string> Calls { get { lock (gate) { return [.. calls]; } } }

    public void AddPersonWithContact(long personId, string email, long contactId)
    {
        lock (gate)
        {
            persons[personId] = new PipedrivePerson(personId, $"Person {personId}", null, null, null, null, null, null,
                [new PipedriveEmail(email, true, "work")], false, new Dictionary<string, JsonElement>());
            contacts[email] = contactId;
        }
    }

    public void SetType(string name, IReadOnlyList<MaileonTransactionAttributeSpec> attributes)
    {
        lock (gate)
        {
            types[name] = new MaileonTransactionType(++nextTypeId, name, attributes);
        }
    }

    public Task<DealTenantStatus> GetTenantAsync() => Task.FromResult(Status);

    public async Task<MaileonTransactionType?> GetTransactionTypeAsync(string name, CancellationToken cancellationToken)
    {
        await Task.Delay(5, cancellationToken); // let concurrent callers overlap
        lock (gate)
        {
            calls.Add($"GetType {name}");
            return types.GetValueOrDefault(name);
        }
    }

    public Task<long?> CreateTransactionTypeAsync(MaileonTransactionTypeDefinition definition, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            calls.Add($"CreateType {definition.Name}");
            if (types.ContainsKey(definition.Name))
            {
                throw new InvalidOperationException("created twice");
            }

            types[definition.Name] = new MaileonTransactionType(++nextTypeId, definition.Name, definition.Attributes);
            return Task.FromResult<long?>(nextTypeId);
        }
    }

    public Task<PipedrivePerson?> GetPersonAsync(long personId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            calls.Add($"GetPerson {personId}");
            return Task.FromResult(persons.GetValueOrDefault(personId));
        }
    }

    public Task<PipedriveDeal?> GetDealAsync(long dealId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            calls.Add($"GetDeal {dealId}");
        }

        return Task.FromResult<PipedriveDeal?>(new PipedriveDeal(dealId, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            false, false, $"deal{dealId}@acme.pipedrivemail.com", new Dictionary<string, JsonElement>()));
    }

    public Task<string?> GetUserNameAsync(long userId, CancellationToken cancellationToken) => Task.FromResult<string?>($"User {userId}");

    public Task<string?> GetOrganizationNameAsync(long organizationId, CancellationToken cancellationToken) => Task.FromResult<string?>($"Org {organizationId}");

    public Task<MaileonContact?> GetContactAsync(string email, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            calls.Add($"GetContact {email}");
            return Task.FromResult(contacts.TryGetValue(email, out var id)
                ? new MaileonContact(id, email, null, MaileonPermissionLevel.DoubleOptIn, null, null, new Dictionary<string, string?>(), new Dictionary<string, string?>())
                : null);
        }
    }

    public Task<bool> TransactionExistsAsync(long typeId, string transactionId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            calls.Add($"GetTransaction {transactionId}");
            return Task.FromResult(stored.Contains(transactionId));
        }
    }

    public Task<IReadOnlyList<MaileonTransactionReport>> SendTransactionsAsync(IReadOnlyList<MaileonTransaction> transactions, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            calls.Add($"Send {transactions.Count}");
            if (FailNextSends > 0)
            {
                FailNextSends--;
                if (LoseResponses)
                {
                    Store(transactions);
                }

                throw new MaileonApiException("Maileon SendTransactions failed (Transient, HTTP 503).");
            }

            Store(transactions);
            IReadOnlyList<MaileonTransactionReport> reports = transactions
                .Select(t => new MaileonTransactionReport(true, null, t.TransactionId, t.Contact.ContactId, null, null))
                .ToList();
            return Task.FromResult(reports);
        }
    }

    private void Store(IReadOnlyList<MaileonTransaction> transactions)
    {
        sent.AddRange(transactions);
        stored.UnionWith(transactions.Where(t => t.TransactionId is not null).Select(t => t.TransactionId!));
    }
}
