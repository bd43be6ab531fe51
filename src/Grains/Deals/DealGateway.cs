using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Pipedrive;
using PipedriveMaileon.Grains.Tenants;

namespace PipedriveMaileon.Grains.Deals;

/// <summary>A tenant's deal gateway on the real APIs. Pipedrive calls refresh the token once on 401 (see <see cref="TenantConnections"/>).</summary>
public sealed class DealGateway(TenantConnections tenants, long companyId, MaileonClient maileon, PipedriveApiClient pipedrive, PipedriveLookupCache lookups) : IDealGateway
{
    public async Task<DealTenantStatus> GetTenantAsync()
    {
        var connection = await tenants.GetAsync(companyId);
        string? problem = connection.Status != TenantStatus.Active
            ? $"the app is not active for this company ({connection.Status})"
            : connection.MaileonApiKey is null
                ? "no Maileon API key is saved"
                : connection.PipedriveApiBase is null || connection.PipedriveAccessToken is null
                    ? "the app has no Pipedrive authorisation"
                    : null;
        return new DealTenantStatus(problem is null, connection.DealEventsEnabled, problem);
    }

    public async Task<MaileonTransactionType?> GetTransactionTypeAsync(string name, CancellationToken cancellationToken) =>
        await maileon.GetTransactionTypeAsync(await MaileonAsync(), name, cancellationToken);

    public async Task<long?> CreateTransactionTypeAsync(MaileonTransactionTypeDefinition definition, CancellationToken cancellationToken) =>
        await maileon.CreateTransactionTypeAsync(await MaileonAsync(), definition, cancellationToken);

    public Task<PipedrivePerson?> GetPersonAsync(long personId, CancellationToken cancellationToken) =>
        tenants.CallPipedriveAsync(companyId, c => pipedrive.GetPersonAsync(c, personId, cancellationToken));

    public Task<PipedriveDeal?> GetDealAsync(long dealId, CancellationToken cancellationToken) =>
        tenants.CallPipedriveAsync(companyId, c => pipedrive.GetDealAsync(c, dealId, cancellationToken));

    public async Task<string?> GetUserNameAsync(long userId, CancellationToken cancellationToken) =>
        (await tenants.CallPipedriveAsync(companyId, c => lookups.UserAsync(c, userId, cancellationToken)))?.Name;

    public Task<string?> GetOrganizationNameAsync(long organizationId, CancellationToken cancellationToken) =>
        tenants.CallPipedriveAsync(companyId, c => lookups.OrganizationNameAsync(c, organizationId, cancellationToken));

    public async Task<MaileonContact?> GetContactAsync(string email, CancellationToken cancellationToken) =>
        await maileon.GetContactAsync(await MaileonAsync(), email, cancellationToken: cancellationToken);

    public async Task<bool> TransactionExistsAsync(long typeId, string transactionId, CancellationToken cancellationToken) =>
        await maileon.GetTransactionAsync(await MaileonAsync(), typeId, transactionId, cancellationToken) is not null;

    public async Task<IReadOnlyList<MaileonTransactionReport>> SendTransactionsAsync(
        IReadOnlyList<MaileonTransaction> transactions,
        CancellationToken cancellationToken) =>
        await maileon.SendTransactionsAsync(await MaileonAsync(), transactions, cancellationToken);

    private async Task<MaileonConnection> MaileonAsync() => tenants.Maileon(await tenants.GetAsync(companyId));
}
