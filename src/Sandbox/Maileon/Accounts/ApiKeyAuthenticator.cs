using System.Text;
using PipedriveMaileon.Sandbox.Common;
using PipedriveMaileon.Sandbox.Maileon.Wire;

namespace PipedriveMaileon.Sandbox.Maileon.Accounts;

/// <summary>
/// Authenticates every Maileon API call the way Maileon does: <c>Authorization: Basic base64(key)</c>, also accepting
/// <c>base64(key:)</c> (Java clients send an empty password). 401 for a missing, unknown, expired or deactivated key or
/// a blocked account; 403 when the key lacks the privilege for the request's HTTP method.
/// </summary>
public sealed class ApiKeyAuthenticator(MaileonStore store, SandboxClock clock) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var failure = Authenticate(http, out var authenticated);
        if (failure is not null)
        {
            return failure;
        }

        http.Items[typeof(AuthenticatedAccount)] = authenticated;
        return await next(context);
    }

    private IResult? Authenticate(HttpContext http, out AuthenticatedAccount? authenticated)
    {
        authenticated = null;
        var header = http.Request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return MaileonResponses.Error(StatusCodes.Status401Unauthorized, AuthMessages.Missing);
        }

        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return MaileonResponses.Error(StatusCodes.Status401Unauthorized, AuthMessages.Malformed);
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return MaileonResponses.Error(StatusCodes.Status401Unauthorized, AuthMessages.Malformed);
        }

        var candidate = decoded.EndsWith(':') ? decoded[..^1] : decoded;
        lock (store.Gate)
        {
            var key = store.FindKey(candidate) ?? store.FindKey(decoded);
            if (key is null)
            {
                return MaileonResponses.Error(StatusCodes.Status401Unauthorized, AuthMessages.Invalid);
            }

            if (key.Deactivated)
            {
                return MaileonResponses.Error(StatusCodes.Status401Unauthorized, AuthMessages.Deactivated);
            }

            if (key.ExpiresAt is { } expiry && expiry <= clock.UtcNow)
            {
                return MaileonResponses.Error(StatusCodes.Status401Unauthorized, AuthMessages.Expired);
            }

            var account = store.FindAccount(key.AccountId);
            if (account is null || account.Blocked)
            {
                return MaileonResponses.Error(StatusCodes.Status401Unauthorized, AuthMessages.AccountBlocked);
            }

            if (!key.Allows(http.Request.Method))
            {
                return MaileonResponses.Error(StatusCodes.Status403Forbidden, AuthMessages.MethodNotAllowed(http.Request.Method));
            }

            authenticated = new AuthenticatedAccount(account.Id, key.Id);
            return null;
        }
    }
}
