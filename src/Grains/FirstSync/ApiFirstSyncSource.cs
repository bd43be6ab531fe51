using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Interfaces.Identity;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Tenants;

namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>
/// The first sync's reads against the real APIs with the tenant's credentials: <c>GET /api/v2/persons</c> 500 a page
/// (10 tokens), Maileon's <c>GET /contacts</c> and <c>GET /reports/unsubscriptions</c> 1,000 a page, or
/// <c>GET /contacts/email/{email}</c> where that is fewer calls.
/// </summary>
public sealed class ApiFirstSyncSource(
    TenantConnections tenants,
    PipedriveApiClient pipedrive,
    PipedriveRateLimitTracker rateLimits,
    MaileonContacts contacts,
    MaileonReports reports) : IFirstSyncSource
{
    public const int MaileonPageSize = 1000;

    public async Task<FirstSyncPage> ReadPersonsAsync(long companyId, string? cursor, CancellationToken cancellationToken)
    {
        var connection = await tenants.GetAsync(companyId);
        var newsletter = connection.NewsletterField ?? throw new TenantCredentialsException("the Newsletter field is not set up yet");
        var query = new PipedrivePersonListQuery(null, cursor, PipedrivePersonListQuery.MaxLimit);
        var page = await tenants.CallPipedriveAsync(companyId, pd => pipedrive.ListPersonsAsync(pd, query, cancellationToken));
        return new FirstSyncPage([.. page.Items.Where(p => !p.IsDeleted).Select(p => Scanned(p, newsletter))], page.NextCursor);
    }

    public async Task<MaileonContactPage> ListContactsAsync(long companyId, int pageIndex, CancellationToken cancellationToken) =>
        await contacts.ListContactsAsync(await MaileonAsync(companyId), null, pageIndex, MaileonPageSize, cancellationToken: cancellationToken);

    public async Task<MaileonContact?> GetContactAsync(long companyId, string email, CancellationToken cancellationToken) =>
        await contacts.GetContactAsync(await MaileonAsync(companyId), email, cancellationToken: cancellationToken);

    public async Task<MaileonUnsubscriptionPage> ListUnsubscriptionsAsync(long companyId, int pageIndex, CancellationToken cancellationToken) =>
        await reports.GetUnsubscriptionsAsync(await MaileonAsync(companyId), DateTimeOffset.UnixEpoch, null, pageIndex, MaileonPageSize, cancellationToken);

    public PipedriveRateLimit? LatestRateLimit(long companyId) => rateLimits.Latest(companyId);

    /// <summary>Keeps a marked person's contact data (a double opt-in creates the contact from it); others need only id, address, mark.</summary>
    public static ScannedPerson Scanned(PipedrivePerson person, NewsletterFieldConfig newsletter)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(newsletter);
        var meaning = person.EnumOptionId(newsletter.Key) is { } option ? newsletter.MeaningOf(option) : null;
        var scanned = new ScannedPerson(person.Id, person.PrimaryEmail, meaning);
        return meaning is null or NewsletterOption.Unsubscribed || EmailAddressKey.Of(person.PrimaryEmail) is null
            ? scanned
            : scanned with { Name = person.Name, FirstName = person.FirstName, LastName = person.LastName, OrgId = person.OrganizationId, OwnerId = person.OwnerId };
    }

    private async Task<MaileonConnection> MaileonAsync(long companyId) => tenants.Maileon(await tenants.GetAsync(companyId));
}
