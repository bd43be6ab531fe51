namespace PipedriveMaileon.Grains.Tenants;

/// <summary>Clean-up that must not be forgotten when it fails the first time (retried from the tenant's outbox).</summary>
public sealed class TenantWork
{
    public TenantWorkKind Kind { get; set; }

    /// <summary>The refresh token to revoke at Pipedrive, protected; dropped from state once revoked.</summary>
    public Interfaces.Tenants.ProtectedSecret? Token { get; set; }
}
