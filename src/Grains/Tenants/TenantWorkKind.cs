namespace PipedriveMaileon.Grains.Tenants;

/// <summary>Stored by number: only ever append.</summary>
public enum TenantWorkKind
{
    /// <summary>Revoke the refresh token at Pipedrive's <c>/oauth/revoke</c> (app-side uninstall).</summary>
    RevokeAuthorization,

    /// <summary>Copy the tenant's name and status to the operators' tenant directory.</summary>
    UpdateDirectory,
}
