using Orleans.Concurrency;

namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>
/// One per Pipedrive company (key: company id). Owns the installation (tokens, single-flight refresh), the
/// settings, the setup of both sides (Newsletter field, webhooks, Maileon custom fields), self-healing, and
/// uninstall. Other grains ask it for a <see cref="TenantConnection"/>.
/// </summary>
public interface ITenantGrain : IGrainWithIntegerKey
{
    /// <summary>The connection for grains of this tenant. Interleaves, so a running setup never blocks syncing.</summary>
    [AlwaysInterleave]
    Task<TenantConnection> GetConnection();

    /// <summary>What webhook ingress checks credentials against. Interleaves.</summary>
    [AlwaysInterleave]
    Task<TenantIngressPolicy> GetIngressPolicy();

    /// <summary>
    /// A Pipedrive call answered 401 with <paramref name="rejectedToken"/>: refresh once (concurrent callers with
    /// the same rejected token share one refresh) and return the new connection.
    /// </summary>
    [AlwaysInterleave]
    Task<TenantConnection> RefreshAccessToken(ProtectedSecret rejectedToken);
}
