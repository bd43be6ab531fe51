namespace PipedriveMaileon.Grains.Tenants;

/// <summary>Work a tenant must not forget when it fails the first time (retried from the tenant's outbox). Stored in state.</summary>
public sealed class TenantWork
{
    public TenantWorkKind Kind { get; set; }

    /// <summary>For <see cref="TenantWorkKind.RevokeAuthorization"/>: the refresh token to revoke, protected; dropped from state once settled.</summary>
    public Interfaces.Tenants.ProtectedSecret? Token { get; set; }
}
