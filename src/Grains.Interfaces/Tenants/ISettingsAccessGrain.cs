using Orleans.Concurrency;

namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>
/// Who may use a tenant's settings page (key: company id). Each call reads the installation's status and epoch
/// from the tenant grain, and whether the user is an active admin of the company from Pipedrive
/// (<c>GET /v1/users/{id}</c> with the installation's token), reusing an answer no older than the caller's
/// <c>maxAdminAge</c>. Nothing is persisted: a new activation simply asks Pipedrive again.
/// </summary>
public interface ISettingsAccessGrain : IGrainWithIntegerKey
{
    /// <summary>Interleaves: many requests of one company are answered at once.</summary>
    [AlwaysInterleave]
    Task<SettingsAccess> Check(long userId, TimeSpan maxAdminAge);
}
