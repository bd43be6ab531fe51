using Microsoft.Extensions.Logging;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Deals;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.Grains.Tenants;
using PipedriveMaileon.Grains.Hosting;

namespace PipedriveMaileon.Grains.Deals;

/// <summary>
/// Ensures a tenant's three deal event types exist in Maileon: created to the seed's table (<see cref="SeedDealTypes"/>)
/// when missing, adopted as they are when they exist (<see cref="DealTypeAdoption"/>; how an adopted type differs from
/// the seed's table goes into the activity log once). Not reentrant: concurrent first events queue here and all but
/// the first find the answer in memory. Maileon is asked by name before anything is created, so a second activation
/// (another silo after a failover) reuses the types.
/// </summary>
[GrainType(GrainTypes.DealTransactionTypes)]
public sealed partial class DealTransactionTypesGrain(
    TenantConnections tenants,
    MaileonTransactionTypes maileonTypes,
    TimeProvider time,
    ILogger<DealTransactionTypesGrain> logger) : Grain, IDealTransactionTypesGrain
{
    private DealTransactionTypesResult? known;
    private DateTimeOffset knownUntil;

    private long CompanyId => this.GetPrimaryKeyLong();

    public async Task<DealTransactionTypesResult> Ensure()
    {
        if (known is not null && time.GetUtcNow() < knownUntil)
        {
            return known;
        }

        var result = await EnsureCoreAsync();
        if (result.Status == DealTransactionTypesStatus.Ready)
        {
            known = result;
            knownUntil = DateTimeOffset.MaxValue;
        }

        return result;
    }

    public Task Forget()
    {
        known = null;
        tenants.Forget(CompanyId); // the API key may have changed
        return Task.CompletedTask;
    }

    private async Task<DealTransactionTypesResult> EnsureCoreAsync()
    {
        var connection = await tenants.GetAsync(CompanyId);
        if (connection.MaileonApiKey is null || connection.Status is not (TenantStatus.Active or TenantStatus.NeedsReauthorization))
        {
            return new DealTransactionTypesResult { Status = DealTransactionTypesStatus.NotConfigured, Message = "Deal event types not checked: no Maileon API key is saved." };
        }

        var credentials = tenants.Maileon(connection);
        var types = new List<DealTransactionTypeRef>();
        foreach (var name in SeedDealTypes.Names)
        {
            try
            {
                var existing = await maileonTypes.GetTransactionTypeAsync(credentials, name, CancellationToken.None);
                if (existing is null)
                {
                    var refused = await CreateAsync(credentials, name);
                    existing = await maileonTypes.GetTransactionTypeAsync(credentials, name, CancellationToken.None);
                    if (existing is null)
                    {
                        return refused is null
                            ? Unavailable($"Maileon accepted the contact event type {name} but does not show it yet.", true, null)
                            : Unavailable($"Maileon refused to create the contact event type {name} ({Describe(refused)}).", false, null);
                    }

                    LogCreated(CompanyId, name, existing.Id);
                }

                // Adopted as the account has it: a type built differently changes how attributes are sent, never whether.
                var adopted = DealTypeAdoption.Adopt(existing);
                if (adopted.Report() is { } report)
                {
                    await GrainFactory.Tenant(CompanyId).RecordNoteOnce(report);
                }

                types.Add(new DealTransactionTypeRef(name, existing.Id, adopted.SupportsTransactionId, adopted.Declared));
            }
            catch (ApiClientException ex)
            {
                var refused = ex.Kind is ApiFailureKind.Unauthorized or ApiFailureKind.Forbidden;
                return Unavailable($"The contact event type {name} could not be checked or created in Maileon ({Describe(ex)}).", ex.IsTransient || refused, ex.RetryAfter) with { CredentialsRefused = refused };
            }
        }

        return new DealTransactionTypesResult { Status = DealTransactionTypesStatus.Ready, Types = types };
    }

    /// <summary>Creates the type; returns the refusal when Maileon said no (it may exist by now: the caller reads it again).</summary>
    private async Task<ApiClientException?> CreateAsync(MaileonConnection credentials, string name)
    {
        try
        {
            await maileonTypes.CreateTransactionTypeAsync(credentials, SeedDealTypes.Definition(name), CancellationToken.None);
            return null;
        }
        catch (ApiClientException ex) when (ex.Kind is ApiFailureKind.Conflict or ApiFailureKind.Rejected)
        {
            return ex;
        }
    }

    private static DealTransactionTypesResult Unavailable(string message, bool retryable, TimeSpan? retryAfter) => new()
    {
        Status = DealTransactionTypesStatus.Unavailable,
        Message = message,
        Retryable = retryable,
        RetryAfter = retryAfter,
    };

    private static string Describe(ApiClientException ex) => ApiFailureOutcome.Describe(ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {CompanyId}: Maileon contact event type {Name} created (id {TypeId})")]
    private partial void LogCreated(long companyId, string name, long typeId);
}
