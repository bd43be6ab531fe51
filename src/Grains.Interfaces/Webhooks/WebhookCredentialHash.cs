using System.Security.Cryptography;
using System.Text;

namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

/// <summary>
/// The form in which webhook credentials are kept for checking: SHA-256 of the UTF-8 text (Pipedrive Basic
/// <c>user:password</c>, Maileon URL token). The credentials are 256-bit random values, so the hash needs no salt or
/// stretching; comparisons run in constant time.
/// </summary>
public static class WebhookCredentialHash
{
    public const int Length = 32;

    public static byte[] Of(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    /// <summary>
    /// True when <paramref name="supplied"/> hashes to <paramref name="expected"/>. The supplied value is hashed even
    /// when there is nothing to compare with, so a caller cannot tell from the time taken whether a hash exists.
    /// </summary>
    public static bool Matches(byte[]? expected, string? supplied)
    {
        Span<byte> actual = stackalloc byte[Length];
        var written = Encoding.UTF8.GetMaxByteCount(supplied?.Length ?? 0) <= 512
            ? HashSmall(supplied ?? string.Empty, actual)
            : SHA256.HashData(Encoding.UTF8.GetBytes(supplied ?? string.Empty), actual);
        return expected is { Length: Length } && supplied is not null && written == Length && CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private static int HashSmall(string value, Span<byte> destination)
    {
        Span<byte> bytes = stackalloc byte[512];
        var length = Encoding.UTF8.GetBytes(value, bytes);
        return SHA256.HashData(bytes[..length], destination);
    }
}
