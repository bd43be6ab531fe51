namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>
/// The Maileon API as one object for callers written before it was split by resource: every method forwards to
/// the resource client of the same name (<see cref="MaileonAccount"/>, <see cref="MaileonContacts"/>,
/// <see cref="MaileonCustomFields"/>, <see cref="MaileonTransactionTypes"/>, <see cref="MaileonTransactions"/>,
/// <see cref="MaileonWebhooks"/>, <see cref="MaileonReports"/>), which new code injects directly.
/// </summary>
public sealed class MaileonClient(
    MaileonAccount account,
    MaileonContacts contacts,
    MaileonCustomFields customFields,
    MaileonTransactionTypes transactionTypes,
    MaileonTransactions transactions,
    MaileonWebhooks webhooks,
    MaileonReports reports)
{
    /// <summary>All resource clients over one transport (one typed <see cref="HttpClient"/> per facade, not seven).</summary>
    public static MaileonClient Over(MaileonTransport transport) => new(
        new MaileonAccount(transport),
        new MaileonContacts(transport),
        new MaileonCustomFields(transport),
        new MaileonTransactionTypes(transport),
        new MaileonTransactions(transport),
        new MaileonWebhooks(transport),
        new MaileonReports(transport));

    public MaileonAccount Account => account;

    public MaileonContacts Contacts => contacts;

    public MaileonCustomFields CustomFields => customFields;

    public MaileonTransactionTypes TransactionTypes => transactionTypes;

    public MaileonTransactions Transactions => transactions;

    public MaileonWebhooks Webhooks => webhooks;

    public MaileonReports Reports => reports;

    public Task<MaileonPingResult> PingAsync(MaileonConnection connection, HttpMethod method, CancellationToken cancellationToken = default) =>
        account.PingAsync(connection, method, cancellationToken);

    public Task<MaileonApiKeyCheck> CheckApiKeyAsync(MaileonConnection connection, CancellationToken cancellationToken = default) =>
        account.CheckApiKeyAsync(connection, cancellationToken);

    public Task<MaileonAccountInfo> GetAccountInfoAsync(MaileonConnection connection, CancellationToken cancellationToken = default) =>
        account.GetAccountInfoAsync(connection, cancellationToken);

    public Task<long?> UpsertContactAsync(
        MaileonConnection connection, string email, MaileonContactData contact, MaileonUpsertOptions options, CancellationToken cancellationToken = default) =>
        contacts.UpsertContactAsync(connection, email, contact, options, cancellationToken);

    public Task<MaileonContact?> GetContactAsync(
        MaileonConnection connection,
        string email,
        IEnumerable<string>? standardFields = null,
        IEnumerable<string>? customFields = null,
        CancellationToken cancellationToken = default) =>
        contacts.GetContactAsync(connection, email, standardFields, customFields, cancellationToken);

    public Task<MaileonContactPage> ListContactsAsync(
        MaileonConnection connection,
        DateTime? updatedAfter,
        int pageIndex = 1,
        int pageSize = 1000,
        IEnumerable<string>? standardFields = null,
        IEnumerable<string>? customFields = null,
        CancellationToken cancellationToken = default) =>
        contacts.ListContactsAsync(connection, updatedAfter, pageIndex, pageSize, standardFields, customFields, cancellationToken);

    public Task<MaileonUnsubscribeResult> UnsubscribeAsync(MaileonConnection connection, string email, CancellationToken cancellationToken = default) =>
        contacts.UnsubscribeAsync(connection, email, cancellationToken);

    public Task<IReadOnlyList<MaileonCustomField>> ListCustomFieldsAsync(MaileonConnection connection, CancellationToken cancellationToken = default) =>
        customFields.ListCustomFieldsAsync(connection, cancellationToken);

    public Task<MaileonCustomField> CreateCustomFieldAsync(
        MaileonConnection connection, string name, MaileonCustomFieldType type, CancellationToken cancellationToken = default) =>
        customFields.CreateCustomFieldAsync(connection, name, type, cancellationToken);

    public Task<MaileonTransactionType?> GetTransactionTypeAsync(MaileonConnection connection, string name, CancellationToken cancellationToken = default) =>
        transactionTypes.GetTransactionTypeAsync(connection, name, cancellationToken);

    public Task<long?> CreateTransactionTypeAsync(
        MaileonConnection connection, MaileonTransactionTypeDefinition definition, CancellationToken cancellationToken = default) =>
        transactionTypes.CreateTransactionTypeAsync(connection, definition, cancellationToken);

    public Task<IReadOnlyList<MaileonTransactionReport>> SendTransactionsAsync(
        MaileonConnection connection, IReadOnlyList<MaileonTransaction> transactions, CancellationToken cancellationToken = default) =>
        Transactions.SendTransactionsAsync(connection, transactions, cancellationToken);

    public Task<MaileonStoredTransaction?> GetTransactionAsync(
        MaileonConnection connection, long transactionTypeId, string transactionId, CancellationToken cancellationToken = default) =>
        transactions.GetTransactionAsync(connection, transactionTypeId, transactionId, cancellationToken);

    public Task<IReadOnlyList<MaileonWebhook>> ListWebhooksAsync(MaileonConnection connection, CancellationToken cancellationToken = default) =>
        webhooks.ListWebhooksAsync(connection, cancellationToken);

    public Task<long?> CreateWebhookAsync(MaileonConnection connection, MaileonWebhookDefinition definition, CancellationToken cancellationToken = default) =>
        webhooks.CreateWebhookAsync(connection, definition, cancellationToken);

    public Task<bool> DeleteWebhookAsync(MaileonConnection connection, long webhookId, CancellationToken cancellationToken = default) =>
        webhooks.DeleteWebhookAsync(connection, webhookId, cancellationToken);

    public Task<MaileonUnsubscriptionPage> GetUnsubscriptionsAsync(
        MaileonConnection connection,
        DateTimeOffset from,
        DateTimeOffset? to = null,
        int pageIndex = 1,
        int pageSize = 1000,
        CancellationToken cancellationToken = default) =>
        reports.GetUnsubscriptionsAsync(connection, from, to, pageIndex, pageSize, cancellationToken);
}
