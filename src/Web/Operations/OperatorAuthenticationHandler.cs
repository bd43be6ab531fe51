using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace PipedriveMaileon.Web.Operations;

/// <summary>HTTP Basic authentication for operators, compared in constant time.</summary>
public sealed class OperatorAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<OperatorOptions> operatorOptions) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "Operator";
    public const string PolicyName = "Operator";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var configured = operatorOptions.Value;
        if (!configured.IsConfigured
            || !AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        string supplied;
        try
        {
            supplied = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return Task.FromResult(AuthenticateResult.Fail("Malformed credentials"));
        }

        if (!ConstantTimeEquals(supplied, $"{configured.Username}:{configured.Password}"))
        {
            return Task.FromResult(AuthenticateResult.Fail("Wrong credentials"));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, configured.Username!), new Claim(ClaimTypes.Role, "operator")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Basic realm=\"PipedriveMaileon operators\", charset=\"UTF-8\"";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }

    /// <summary>Hashing first makes the comparison independent of both lengths.</summary>
    public static bool ConstantTimeEquals(string supplied, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(supplied)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
