using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using PipedriveMaileon.Grains.Tenants;

namespace PipedriveMaileon.UnitTests.Tenants;

/// <summary>Tenant secrets bound to their kind and tenant, with the ciphertexts written before still readable.</summary>
public sealed class TenantSecretProtectorTests
{
    private readonly EphemeralDataProtectionProvider provider = new();

    [Fact]
    public void A_secret_reads_back_only_for_its_own_tenant_and_kind()
    {
        var protector = new TenantSecretProtector(provider);
        var secret = protector.Protect(7, SecretKind.MaileonApiKey, "key-of-seven");

        Assert.Equal("key-of-seven", protector.Unprotect(7, SecretKind.MaileonApiKey, secret));
        Assert.False(TenantSecretProtector.IsLegacy(secret));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(8, SecretKind.MaileonApiKey, secret));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(7, SecretKind.PipedriveAccessToken, secret));
    }

    [Fact]
    public void A_ciphertext_of_the_single_old_purpose_is_read_and_renewed_into_the_new_form()
    {
        var protector = new TenantSecretProtector(provider);
        var old = new SecretProtector(provider).Protect("refresh-token"); // as every secret was written before

        Assert.True(TenantSecretProtector.IsLegacy(old));
        Assert.Equal("refresh-token", protector.Unprotect(7, SecretKind.PipedriveRefreshToken, old));

        var renewed = protector.Renew(7, SecretKind.PipedriveRefreshToken, old);
        Assert.False(TenantSecretProtector.IsLegacy(renewed));
        Assert.Equal("refresh-token", protector.Unprotect(7, SecretKind.PipedriveRefreshToken, renewed));
        Assert.Same(renewed, protector.Renew(7, SecretKind.PipedriveRefreshToken, renewed));
    }
}
