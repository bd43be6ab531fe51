using System.Security.Cryptography;
using System.Text;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>Random per-tenant webhook credentials, and the hash ingress compares against (in constant time).</summary>
public static class WebhookSecrets
{
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string NewUser() => "pm-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    public static bool Matches(byte[]? expectedHash, string? supplied) =>
        expectedHash is not null && supplied is not null && CryptographicOperations.FixedTimeEquals(expectedHash, Hash(supplied));
}
