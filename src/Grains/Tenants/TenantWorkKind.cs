namespace PipedriveMaileon.Grains.Tenants;

public enum TenantWorkKind
{
    /// <summary>Revoke the refresh token at Pipedrive's <c>/oauth/revoke</c> (app-side uninstall).</summary>
    RevokeAuthorization,
}
