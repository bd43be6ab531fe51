using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>
/// Encrypts tenant secrets with the shared key ring under a purpose made of the secret's kind and the tenant's company
/// id, so a ciphertext copied to another tenant or another field cannot be read there. Ciphertexts made before
/// (one purpose for everything, no marker) are still read; <see cref="IsLegacy"/> tells the owner to protect the
/// value again on its next write, after which the old form is gone from its state.
/// </summary>
public sealed class TenantSecretProtector
{
    /// <summary>Marks a ciphertext made with the per-kind, per-tenant purpose. Data Protection output never starts so.</summary>
    private const string Marker = "t2.";

    private const string LegacyPurpose = "PipedriveMaileon.TenantSecrets.v1";
    private const string Purpose = "PipedriveMaileon.TenantSecrets.v2";

    private readonly IDataProtector legacy;
    private readonly IDataProtector[] byKind;

    public TenantSecretProtector(IDataProtectionProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        legacy = provider.CreateProtector(LegacyPurpose);
        byKind = [.. Enum.GetValues<SecretKind>().Select(kind => provider.CreateProtector(Purpose, kind.ToString()))];
    }

    public static bool IsLegacy(ProtectedSecret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return !secret.CipherText.StartsWith(Marker, StringComparison.Ordinal);
    }

    public ProtectedSecret Protect(long companyId, SecretKind kind, string plaintext) =>
        new(Marker + For(companyId, kind).Protect(plaintext));

    /// <summary>The plaintext; throws <see cref="System.Security.Cryptography.CryptographicException"/> for another tenant's or kind's ciphertext.</summary>
    public string Unprotect(long companyId, SecretKind kind, ProtectedSecret secret) =>
        IsLegacy(secret) ? legacy.Unprotect(secret.CipherText) : For(companyId, kind).Unprotect(secret.CipherText[Marker.Length..]);

    /// <summary><paramref name="secret"/> itself when it is in the current form; otherwise the same value protected again in it.</summary>
    public ProtectedSecret Renew(long companyId, SecretKind kind, ProtectedSecret secret) =>
        IsLegacy(secret) ? Protect(companyId, kind, Unprotect(companyId, kind, secret)) : secret;

    private IDataProtector For(long companyId, SecretKind kind) =>
        byKind[(int)kind].CreateProtector(companyId.ToString(CultureInfo.InvariantCulture));
}
