namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>
/// Query parameters of <c>POST /contacts/email/{email}</c>; <c>sync_mode=1</c> (update an existing contact) is always sent.
/// </summary>
/// <param name="Permission">
/// Initial permission of a new contact; keep <see cref="MaileonPermissionLevel.None"/> with DOI. Null leaves the
/// <c>permission</c> parameter out: Maileon ignores a lower permission only for contacts holding DOI/DOI+ and would
/// overwrite SOI, COI or "other", so an existing contact is written without one.
/// </param>
/// <param name="StartDoubleOptIn"><c>doi</c>: send the DOI mailing. A repeat sends another mail, so such calls are never retried here.</param>
/// <param name="DoiPlus"><c>doiplus</c>: confirmation grants DOI+ (single-user tracking) instead of DOI.</param>
/// <param name="DoiMailingKey"><c>doimailing</c>; null uses the account's default DOI mailing.</param>
/// <param name="Source"><c>src</c>, stored with the DOI process.</param>
/// <param name="SubscriptionPage"><c>subscription_page</c>, for reports.</param>
public sealed record MaileonUpsertOptions(
    MaileonPermissionLevel? Permission = MaileonPermissionLevel.None,
    bool StartDoubleOptIn = false,
    bool DoiPlus = false,
    string? DoiMailingKey = null,
    string? Source = null,
    string? SubscriptionPage = null);
