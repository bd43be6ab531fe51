using Microsoft.AspNetCore.DataProtection;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>
/// Encrypts tenant secrets (OAuth tokens, Maileon API key, webhook credentials) with the shared key ring, so they
/// are stored and passed between grains only in protected form and any silo can read them.
/// </summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    private const string Purpose = "PipedriveMaileon.TenantSecrets.v1";

    private readonly IDataProtector protector = provider.CreateProtector(Purpose);

    public ProtectedSecret Protect(string plaintext) => new(protector.Protect(plaintext));

    public string Unprotect(ProtectedSecret secret) => protector.Unprotect(secret.CipherText);
}
