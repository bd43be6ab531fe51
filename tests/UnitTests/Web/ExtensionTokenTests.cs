using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PipedriveMaileon.Web.Sessions;

namespace PipedriveMaileon.UnitTests.Web;

/// <summary>Pipedrive's iframe token: only an unexpired HS256 signature by the configured secret names a company and user.</summary>
public sealed class ExtensionTokenTests
{
    private const string Secret = "extension-secret";
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AGenuineTokenNamesItsCompanyAndUser()
    {
        var check = PipedriveExtensionToken.Verify(Token(Claims()), Secret, Now);

        Assert.True(check.IsValid, check.Problem.ToString());
        Assert.Equal(1234, check.CompanyId);
        Assert.Equal(77, check.UserId);
        Assert.Equal(Now.AddMinutes(5), check.ExpiresAt);
    }

    [Fact]
    public void IdsAsNumericStringsAreAccepted()
    {
        var claims = Claims();
        claims["companyId"] = "1234";
        claims["userId"] = "77";

        Assert.True(PipedriveExtensionToken.Verify(Token(claims), Secret, Now).IsValid);
    }

    [Theory]
    [InlineData("another-secret", ExtensionTokenProblem.BadSignature)]
    [InlineData("", ExtensionTokenProblem.BadSignature)]
    public void AnotherSecretsSignatureIsRefused(string signingSecret, ExtensionTokenProblem problem) =>
        Assert.Equal(problem, PipedriveExtensionToken.Verify(Token(Claims(), signingSecret), Secret, Now).Problem);

    [Fact]
    public void AlgorithmNoneOrAnotherAlgorithmIsRefusedEvenWithAValidMac()
    {
        Assert.False(PipedriveExtensionToken.Verify(Token(Claims(), Secret, "none"), Secret, Now).IsValid);
        Assert.Equal(ExtensionTokenProblem.BadSignature, PipedriveExtensionToken.Verify(Token(Claims(), Secret, "HS512"), Secret, Now).Problem);
        var unsigned = string.Join('.', Token(Claims()).Split('.')[..2]) + ".";
        Assert.Equal(ExtensionTokenProblem.Malformed, PipedriveExtensionToken.Verify(unsigned, Secret, Now).Problem);
    }

    [Fact]
    public void AnAlteredPayloadIsRefused()
    {
        var genuine = Token(Claims()).Split('.');
        var other = Token(Claims(companyId: 999)).Split('.');

        Assert.Equal(ExtensionTokenProblem.BadSignature, PipedriveExtensionToken.Verify($"{genuine[0]}.{other[1]}.{genuine[2]}", Secret, Now).Problem);
    }

    [Fact]
    public void ExpiryIsRequiredAndEnforcedWithASmallSkew()
    {
        Assert.Equal(ExtensionTokenProblem.Expired, PipedriveExtensionToken.Verify(Token(Claims(expires: Now.AddMinutes(-1))), Secret, Now).Problem);
        Assert.True(PipedriveExtensionToken.Verify(Token(Claims(expires: Now.AddSeconds(-10))), Secret, Now).IsValid);
        var noExpiry = Claims();
        noExpiry.Remove("exp");
        Assert.Equal(ExtensionTokenProblem.Malformed, PipedriveExtensionToken.Verify(Token(noExpiry), Secret, Now).Problem);
        var future = Claims();
        future["nbf"] = Now.AddMinutes(3).ToUnixTimeSeconds();
        Assert.Equal(ExtensionTokenProblem.NotYetValid, PipedriveExtensionToken.Verify(Token(future), Secret, Now).Problem);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("!!.??.**")]
    public void GarbageIsMalformed(string? token) =>
        Assert.Equal(ExtensionTokenProblem.Malformed, PipedriveExtensionToken.Verify(token, Secret, Now).Problem);

    [Fact]
    public void MissingOrNonPositiveIdsAreMalformed()
    {
        var noUser = Claims();
        noUser.Remove("userId");
        var zeroCompany = Claims(companyId: 0);

        Assert.Equal(ExtensionTokenProblem.Malformed, PipedriveExtensionToken.Verify(Token(noUser), Secret, Now).Problem);
        Assert.Equal(ExtensionTokenProblem.Malformed, PipedriveExtensionToken.Verify(Token(zeroCompany), Secret, Now).Problem);
    }

    private static JsonObject Claims(long companyId = 1234, DateTimeOffset? expires = null) => new()
    {
        ["userId"] = 77,
        ["companyId"] = companyId,
        ["iat"] = Now.ToUnixTimeSeconds(),
        ["exp"] = (expires ?? Now.AddMinutes(5)).ToUnixTimeSeconds(),
    };

    private static string Token(JsonObject claims, string secret = Secret, string algorithm = "HS256")
    {
        var unsigned = Encode(Encoding.UTF8.GetBytes(new JsonObject { ["alg"] = algorithm, ["typ"] = "JWT" }.ToJsonString()))
            + "." + Encode(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = algorithm == "none" ? [] : HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret.Length == 0 ? "x" : secret), Encoding.ASCII.GetBytes(unsigned));
        return unsigned + "." + Encode(signature);
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
