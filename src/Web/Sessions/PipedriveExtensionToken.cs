using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PipedriveMaileon.Web.Sessions;

/// <summary>
/// The <c>token</c> Pipedrive adds to a custom UI extension's iframe URL: a JWT signed with HS256 by the extension's
/// JWT secret (or the app's client secret), naming the Pipedrive <c>userId</c> and <c>companyId</c> that load the
/// iframe, valid for a few minutes (<c>exp</c>). Only HS256 is accepted, whatever the header says otherwise, so a
/// token cannot choose a weaker check (<c>alg: none</c>) for itself.
/// </summary>
public static class PipedriveExtensionToken
{
    /// <summary>Longer tokens are refused unread (Pipedrive's are a few hundred characters).</summary>
    public const int MaxLength = 4096;

    /// <summary>Clock difference tolerated on <c>exp</c>, <c>nbf</c> and <c>iat</c>.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static ExtensionTokenCheck Verify(string? token, string secret, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var parts = token?.Split('.');
        if (token is null || token.Length > MaxLength || parts is not { Length: 3 })
        {
            return ExtensionTokenCheck.Refused(ExtensionTokenProblem.Malformed);
        }

        if (Decode(parts[0]) is not { } headerBytes || Decode(parts[1]) is not { } payloadBytes || Decode(parts[2]) is not { } signature)
        {
            return ExtensionTokenCheck.Refused(ExtensionTokenProblem.Malformed);
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            return ExtensionTokenCheck.Refused(ExtensionTokenProblem.BadSignature);
        }

        try
        {
            using var header = JsonDocument.Parse(headerBytes);
            if (header.RootElement.ValueKind != JsonValueKind.Object
                || !header.RootElement.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != "HS256")
            {
                return ExtensionTokenCheck.Refused(ExtensionTokenProblem.BadSignature);
            }

            using var payload = JsonDocument.Parse(payloadBytes);
            return ReadClaims(payload.RootElement, now);
        }
        catch (JsonException)
        {
            return ExtensionTokenCheck.Refused(ExtensionTokenProblem.Malformed);
        }
    }

    private static ExtensionTokenCheck ReadClaims(JsonElement claims, DateTimeOffset now)
    {
        if (claims.ValueKind != JsonValueKind.Object || Id(claims, "companyId") is not { } companyId || Id(claims, "userId") is not { } userId)
        {
            return ExtensionTokenCheck.Refused(ExtensionTokenProblem.Malformed);
        }

        // An expiry is required: a token without one would be a sign-in link that never ends.
        if (Seconds(claims, "exp") is not { } expires)
        {
            return ExtensionTokenCheck.Refused(ExtensionTokenProblem.Malformed);
        }

        if (expires + ClockSkew <= now)
        {
            return ExtensionTokenCheck.Refused(ExtensionTokenProblem.Expired);
        }

        if ((Seconds(claims, "nbf") is { } notBefore && notBefore - ClockSkew > now) || (Seconds(claims, "iat") is { } issued && issued - ClockSkew > now))
        {
            return ExtensionTokenCheck.Refused(ExtensionTokenProblem.NotYetValid);
        }

        return new ExtensionTokenCheck(null, companyId, userId, expires);
    }

    /// <summary>Ids arrive as numbers; numeric strings are accepted too (the type is not documented).</summary>
    private static long? Id(JsonElement claims, string name)
    {
        if (!claims.TryGetProperty(name, out var value))
        {
            return null;
        }

        long id = 0;
        var parsed = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt64(out id),
            JsonValueKind.String => long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out id),
            _ => false,
        };
        return parsed && id > 0 ? id : null;
    }

    private static DateTimeOffset? Seconds(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds)
            && seconds is > 0 and < 253_402_300_800
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static byte[]? Decode(string part)
    {
        if (part.Length == 0)
        {
            return null;
        }

        try
        {
            return Base64Url.DecodeFromChars(part);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
