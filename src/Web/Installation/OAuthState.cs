using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace PipedriveMaileon.Web.Installation;

/// <summary>
/// The OAuth <c>state</c>: a random nonce, signed and time-limited with Data Protection, and bound to the browser
/// that started the installation by a cookie holding the same nonce. The cookie is deleted on use, so a replayed
/// callback fails.
/// </summary>
public sealed class OAuthState(IDataProtectionProvider provider, TimeProvider time, IOptions<PipedriveAppOptions> options)
{
    public const string CookieName = "pm_oauth";

    /// <summary>From <see cref="PipedriveAppOptions.OAuthStateLifetime"/> (default 10 minutes).</summary>
    public TimeSpan Lifetime => options.Value.OAuthStateLifetime;

    private readonly ITimeLimitedDataProtector protector =
        provider.CreateProtector("PipedriveMaileon.OAuthState.v1").ToTimeLimitedDataProtector();

    public (string State, string Nonce) Create()
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        return (protector.Protect(nonce, time.GetUtcNow() + Lifetime), nonce);
    }

    /// <summary>True when the state is authentic, unexpired and belongs to the nonce in this browser's cookie.</summary>
    public bool Verify(string state, string? cookieNonce)
    {
        if (string.IsNullOrEmpty(cookieNonce))
        {
            return false;
        }

        try
        {
            var nonce = protector.Unprotect(state, out var expiresAt);
            return expiresAt > time.GetUtcNow()
                && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(nonce), System.Text.Encoding.UTF8.GetBytes(cookieNonce));
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
