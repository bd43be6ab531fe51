using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>
/// A person's or deal's grain's view of its tenant: the connection (from the silo-wide
/// <see cref="TenantConnectionCache"/>, so a settings change reaches it within <see cref="TenantConnectionCache.Lifetime"/>),
/// plain credentials for one call at a time, and Pipedrive calls that refresh the token once on a 401 (the tenant
/// grain makes sure only one refresh runs).
/// </summary>
public sealed class TenantLink(IGrainFactory grains, TenantConnectionCache connections, SecretProtector secrets, long companyId)
{
    private TenantConnection? last;

    public long CompanyId => companyId;

    public async Task<TenantConnection> GetAsync() => last = await connections.GetAsync(companyId);

    /// <summary>Forget the cached connection (after the tenant announced a change, or a call was refused).</summary>
    public void Invalidate()
    {
        if (last is not null)
        {
            connections.Invalidate(last);
            last = null;
        }
    }
    public MaileonConnection Maileon(TenantConnection connection) =>
        new(companyId, secrets.Unprotect(connection.MaileonApiKey ?? throw new InvalidOperationException("No Maileon API key is configured.")));

    public PipedriveConnection Pipedrive(TenantConnection connection) =>
        new(
            companyId,
            connection.PipedriveApiBase ?? throw new InvalidOperationException("The tenant has no Pipedrive API domain."),
            secrets.Unprotect(connection.PipedriveAccessToken ?? throw new InvalidOperationException("The tenant has no access token.")));

    /// <summary>Runs a Pipedrive call; on 401 asks the tenant for a fresh token once and repeats the call.</summary>
    public async Task<T> CallPipedriveAsync<T>(Func<PipedriveConnection, Task<T>> call)
    {
        var connection = await GetAsync();
        try
        {
            return await call(Pipedrive(connection));
        }
        catch (ApiClientException ex) when (ex.Kind == ApiFailureKind.Unauthorized && connection.PipedriveAccessToken is not null)
        {
            var refreshed = await grains.GetGrain<ITenantGrain>(companyId).RefreshAccessToken(connection.PipedriveAccessToken);
            connections.Store(refreshed);
            last = refreshed;
            return await call(Pipedrive(refreshed));
        }
    }

    /// <summary>
    /// The outbox verdict for a failed API call: transient and rate-limited failures are retried (honouring
    /// Retry-After), a refused Maileon key or a lost Pipedrive grant is retried slowly (the admin may fix it), the
    /// rest is parked.
    /// </summary>
    public static EffectOutcome Classify(string what, ApiClientException ex) => ex.Kind switch
    {
        ApiFailureKind.Transient => EffectOutcome.Retry($"{what}: {Describe(ex)}", ex.RetryAfter),
        ApiFailureKind.RateLimited => EffectOutcome.Throttle($"{what}: rate limited", ex.RetryAfter),
        ApiFailureKind.Unauthorized or ApiFailureKind.InvalidGrant or ApiFailureKind.Forbidden =>
            EffectOutcome.Retry($"{what}: credentials refused ({Describe(ex)}); waiting for the admin", TimeSpan.FromMinutes(5)),
        _ => EffectOutcome.Fail($"{what}: {Describe(ex)}"),
    };

    private static string Describe(ApiClientException ex) =>
        ex.StatusCode is { } status ? $"HTTP {status}{(ex.ServerMessage is { Length: > 0 } m ? " " + m : "")}" : ex.Kind.ToString().ToLowerInvariant();
}
