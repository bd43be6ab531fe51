using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace PipedriveMaileon.IntegrationTests.Tenants;

/// <summary>The tests' own JWT writer, for tokens Pipedrive would never sign: wrong secret, expired, no algorithm.</summary>
public static class TestJwt
{
    public static string Sign(JsonObject claims, string secret, string algorithm = "HS256")
    {
        var header = new JsonObject { ["alg"] = algorithm, ["typ"] = "JWT" };
        var unsigned = Encode(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Encode(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = algorithm == "none" ? [] : HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(unsigned));
        return unsigned + "." + Encode(signature);
    }

    public static JsonObject Claims(long companyId, long userId, DateTimeOffset expires) => new()
    {
        ["userId"] = userId,
        ["companyId"] = companyId,
        ["iat"] = expires.AddMinutes(-5).ToUnixTimeSeconds(),
        ["exp"] = expires.ToUnixTimeSeconds(),
    };

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
