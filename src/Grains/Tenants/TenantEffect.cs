using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>A call a tenant's outbox entry becomes (<see cref="TenantOutboxRules"/>); <see cref="TenantEffectHandler"/> performs it.</summary>
public abstract record TenantEffect(string What)
{
    public sealed record RevokeAuthorization(ProtectedSecret RefreshToken) : TenantEffect("revoke the Pipedrive authorisation");

    public sealed record UpdateDirectory(string CompanyName, TenantStatus Status, DateTimeOffset InstalledAt) : TenantEffect("update the tenant directory");

    /// <summary>Installed: these hashes are what webhooks are checked against. Not installed: the stored hashes stay, marked uninstalled.</summary>
    public sealed record ResumeWork() : TenantEffect("resume the work that waited for the tenant's credentials");

    public sealed record PublishIngress(bool Installed, byte[]? PipedriveCredentialHash, byte[]? MaileonTokenHash) : TenantEffect("publish the webhook credentials to the web tier");
}
