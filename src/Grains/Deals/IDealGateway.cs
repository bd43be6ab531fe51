using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;

namespace PipedriveMaileon.Grains.Deals;

/// <summary>
/// The outside world of one tenant's deal grains: its settings, Pipedrive reads and Maileon calls, with credentials
/// handled inside. Failures are <see cref="ApiClients.Errors.ApiClientException"/>s; "not found" is null. One
/// instance per grain activation (it may cache the tenant connection briefly).
/// </summary>
public interface IDealGateway
{
    Task<DealTenantStatus> GetTenantAsync();

    Task<MaileonTransactionType?> GetTransactionTypeAsync(string name, CancellationToken cancellationToken);

    Task<long?> CreateTransactionTypeAsync(MaileonTransactionTypeDefinition definition, CancellationToken cancellationToken);

    Task<PipedrivePerson?> GetPersonAsync(long personId, CancellationToken cancellationToken);

    /// <summary>The deal with its Smart BCC address (<c>include_fields=smart_bcc_email</c>).</summary>
    Task<PipedriveDeal?> GetDealAsync(long dealId, CancellationToken cancellationToken);

    Task<string?> GetUserNameAsync(long userId, CancellationToken cancellationToken);

    Task<string?> GetOrganizationNameAsync(long organizationId, CancellationToken cancellationToken);

    /// <summary>The Maileon contact with that email, or null (never creates one).</summary>
    Task<MaileonContact?> GetContactAsync(string email, CancellationToken cancellationToken);

    /// <summary>Whether an event with that <c>transaction_id</c> is already stored in Maileon.</summary>
    Task<bool> TransactionExistsAsync(long typeId, string transactionId, CancellationToken cancellationToken);

    /// <summary>Sends events (one request, or more when large) and returns one report per event, in input order.</summary>
    Task<IReadOnlyList<MaileonTransactionReport>> SendTransactionsAsync(IReadOnlyList<MaileonTransaction> transactions, CancellationToken cancellationToken);
}
