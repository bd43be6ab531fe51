using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using PipedriveMaileon.Sandbox.Common;

namespace PipedriveMaileon.Sandbox.Pipedrive.OAuth;

/// <summary>
/// The OAuth server's rules shared by the consent page, the token endpoint and the control API: client and redirect
/// checks, code issue (5 minutes, scaled by the time scale), and the redirect back to the app.
/// </summary>
public sealed class OAuthService(PipedriveStore store, SandboxClock clock, IOptions<PipedriveEmulatorOptions> options)
{
    public PipedriveEmulatorOptions App => options.Value;

    public bool IsRegisteredRedirect(string? redirectUri) =>
        redirectUri is not null && string.Equals(redirectUri.TrimEnd('/'), App.RedirectUri!.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal);

    /// <summary>Checks the Basic client credentials (or, not recommended but accepted, client_id/client_secret in the form).</summary>
    public bool IsClient(string? authorization, string? formClientId, string? formClientSecret)
    {
        string? id = formClientId;
        string? secret = formClientSecret;
        if (authorization is not null && authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon < 0)
                {
                    return false;
                }

                (id, secret) = (decoded[..colon], decoded[(colon + 1)..]);
            }
            catch (FormatException)
            {
                return false;
            }
        }

        return id is not null && secret is not null
            && CryptographicEquals(id, App.ClientId) && CryptographicEquals(secret, App.ClientSecret);
    }

    /// <summary>The user approved: a single-use code and the redirect to the app's callback; null when the pair is unknown.</summary>
    public string? Approve(long companyId, long userId, string redirectUri, string? state)
    {
        lock (store.Gate)
        {
            if (store.FindCompany(companyId) is not { } company || store.FindUser(userId) is not { } user || user.CompanyId != companyId)
            {
                return null;
            }

            var code = store.IssueCode(companyId, userId, redirectUri, clock.Scale(TimeSpan.FromSeconds(App.AuthorizationCodeLifetimeSeconds)));
            company.Installed = true;
            company.InstalledByUserId ??= userId;
            var parameters = new Dictionary<string, string?> { ["code"] = code };
            if (state is not null)
            {
                parameters["state"] = state;
            }

            return QueryHelpers.AddQueryString(redirectUri, parameters);
        }
    }

    public static string Deny(string redirectUri, string? state) =>
        QueryHelpers.AddQueryString(redirectUri, new Dictionary<string, string?> { ["error"] = "user_denied", ["state"] = state ?? string.Empty });

    public string Expiry(DateTimeOffset expiresAt) =>
        Math.Max(0, (int)(expiresAt - clock.UtcNow).TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private static bool CryptographicEquals(string a, string b) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
