using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;

namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>
/// What a first sync reads, one call each: a page of the company's persons, a page of the Maileon account's contacts or
/// unsubscriptions, one contact by address; and the latest Pipedrive rate-limit headers (its budget). The grain decides
/// what to read when; this only reads (tests put a fake in its place).
/// </summary>
public interface IFirstSyncSource
{
    /// <summary>Up to 500 persons from <paramref name="cursor"/> (null: the first page).</summary>
    Task<FirstSyncPage> ReadPersonsAsync(long companyId, string? cursor, CancellationToken cancellationToken);

    Task<MaileonContactPage> ListContactsAsync(long companyId, int pageIndex, CancellationToken cancellationToken);

    Task<MaileonContact?> GetContactAsync(long companyId, string email, CancellationToken cancellationToken);

    Task<MaileonUnsubscriptionPage> ListUnsubscriptionsAsync(long companyId, int pageIndex, CancellationToken cancellationToken);

    PipedriveRateLimit? LatestRateLimit(long companyId);
}
