using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace PipedriveMaileon.Sandbox.Pipedrive.ConsolePage;

/// <summary>
/// Signs the <c>token</c> Pipedrive adds to a custom UI extension's iframe URL (and answers the SDK's
/// <c>get_signed_token</c> with): a JWT, HS256, with the extension's JWT secret (or the app's client secret), naming
/// the <c>userId</c> and <c>companyId</c> that open the iframe, issued now and expiring after a few minutes.
/// </summary>
public static class ExtensionTokenSigner
{
    public static string Sign(long companyId, long userId, string secret, DateTimeOffset issuedAt, TimeSpan lifetime)
    {
        var header = new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT" };
        var payload = new JsonObject
        {
            ["userId"] = userId,
            ["companyId"] = companyId,
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["exp"] = (issuedAt + lifetime).ToUnixTimeSeconds(),
        };
        var unsigned = Encode(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(unsigned));
        return unsigned + "." + Encode(signature);
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
