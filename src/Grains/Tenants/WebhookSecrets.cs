using System.Security.Cryptography;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>
/// Random per-tenant webhook credentials. What the web tier checks them against is their hash
/// (<see cref="Interfaces.Webhooks.WebhookCredentialHash"/>).
/// </summary>
public static class WebhookSecrets
{
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string NewUser() => "pm-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
