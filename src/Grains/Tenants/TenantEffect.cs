using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>A call a tenant's outbox entry becomes (<see cref="TenantOutboxRules"/>); <see cref="TenantEffectHandler"/> performs it.</summary>
public abstract record TenantEffect(string What)
{
    public sealed record RevokeAuthorization(ProtectedSecret RefreshToken) : TenantEffect("revoke the Pipedrive authorisation");

    public sealed record UpdateDirectory(string CompanyName, TenantStatus Status, DateTimeOffset InstalledAt) : TenantEffect("update the tenant directory");
}
