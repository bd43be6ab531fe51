namespace PipedriveMaileon.Grains.Tenants;

/// <summary>Stored by number: only ever append.</summary>
public enum TenantWorkKind
{
    /// <summary>Revoke the refresh token at Pipedrive's <c>/oauth/revoke</c> (app-side uninstall).</summary>
    RevokeAuthorization,

    /// <summary>Copy the tenant's name and status to the operators' tenant directory.</summary>
    UpdateDirectory,

    /// <summary>Copy whether the tenant is installed and its webhook credential hashes to <c>tenant_ingress</c>, which every web node reads.</summary>
    PublishIngress,

    /// <summary>The tenant was reconnected: run its grains' work that waits for credentials, and the parked work, now.</summary>
    ResumeWork,
}
