using System.Security.Cryptography;

namespace PipedriveMaileon.Database.DataProtection;

/// <summary>
/// The 256-bit key (configuration <c>Secrets:MasterKey</c>, base64) that encrypts the Data Protection key ring at
/// rest, so a copy of the database alone reveals no token or API key.
/// </summary>
public sealed class MasterKey
{
    public const string ConfigurationKey = "Secrets:MasterKey";

    private readonly byte[] key;

    private MasterKey(byte[] key)
    {
        this.key = key;
        KeyId = Convert.ToHexStringLower(SHA256.HashData(key))[..16];
    }

    /// <summary>A fingerprint (not the key) stored beside each encrypted element, to name a wrong key clearly.</summary>
    public string KeyId { get; }

    public static MasterKey Parse(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            throw new InvalidOperationException(
                $"{ConfigurationKey} is not set. Generate one with `openssl rand -base64 32` and set it (environment " +
                "variable Secrets__MasterKey) identically on every silo and web node; ./run.sh does this for local runs.");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{ConfigurationKey} is not valid base64.");
        }

        if (bytes.Length != 32)
        {
            throw new InvalidOperationException($"{ConfigurationKey} must decode to 32 bytes (it decodes to {bytes.Length}).");
        }

        return new MasterKey(bytes);
    }

    public static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    internal byte[] Seal(byte[] plaintext)
    {
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var ciphertext = new byte[plaintext.Length];
        using var aes = new AesGcm(key, tag.Length);
        aes.Encrypt(nonce, plaintext, ciphertext, tag);
        return [.. nonce, .. tag, .. ciphertext];
    }

    internal byte[] Open(byte[] sealedData)
    {
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        var plaintext = new byte[sealedData.Length - nonceSize - tagSize];
        using var aes = new AesGcm(key, tagSize);
        aes.Decrypt(
            sealedData.AsSpan(0, nonceSize),
            sealedData.AsSpan(nonceSize + tagSize),
            sealedData.AsSpan(nonceSize, tagSize),
            plaintext);
        return plaintext;
    }

    public override string ToString() => $"MasterKey({KeyId})";
}
