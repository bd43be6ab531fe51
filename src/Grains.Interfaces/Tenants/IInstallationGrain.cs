using Orleans.Concurrency;

namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>
/// Completes an OAuth installation inside the cluster, so tokens never pass through the web tier: exchanges the
/// code, reads the installing user and company from <c>/v1/users/me</c>, and hands the grant to that company's
/// <see cref="ITenantGrain"/>. Stateless; key 0.
/// </summary>
public interface IInstallationGrain : IGrainWithIntegerKey
{
    Task<InstallationResult> CompleteAuthorization(string code, Uri redirectUri);
}
