using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PipedriveMaileon.Sandbox.Common;
using PipedriveMaileon.Sandbox.Pipedrive.Wire;

namespace PipedriveMaileon.Sandbox.Pipedrive.OAuth;

/// <summary>
/// Pipedrive's OAuth server: the consent page (<c>GET /oauth/authorize</c>, decision posted back to the same path),
/// <c>POST /oauth/token</c> (form body, Basic client auth; <c>authorization_code</c> and <c>refresh_token</c>) and
/// <c>POST /oauth/revoke</c> (RFC 7009; always 200).
/// </summary>
public static class OAuthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/oauth/authorize", Authorize);
        app.MapPost("/oauth/authorize", Decide).DisableAntiforgery();
        app.MapPost("/oauth/token", Token).DisableAntiforgery();
        app.MapPost("/oauth/revoke", Revoke).DisableAntiforgery();
    }

    private static IResult Authorize(string? client_id, string? redirect_uri, string? state, OAuthService oauth, PipedriveStore store)
    {
        if (client_id != oauth.App.ClientId)
        {
            return Page("App cannot be installed", "<p>Unknown client_id.</p>", StatusCodes.Status400BadRequest);
        }

        if (!oauth.IsRegisteredRedirect(redirect_uri))
        {
            return Page("App cannot be installed", "<p>redirect_uri does not match the app's registered callback URL.</p>", StatusCodes.Status400BadRequest);
        }

        var options = new StringBuilder();
        lock (store.Gate)
        {
            foreach (var company in store.Companies.OrderBy(c => c.Id))
            {
                foreach (var user in store.Users.Where(u => u.CompanyId == company.Id).OrderBy(u => u.Id))
                {
                    options.Append($"<option value=\"{company.Id}:{user.Id}\">{H(company.Name)} ({company.Id}) — {H(user.Name)} &lt;{H(user.Email)}&gt;{(user.IsAdmin ? " (admin)" : "")}</option>");
                }
            }
        }

        var form = $"""
            <p>The app <b>{H(client_id)}</b> asks for access to your Pipedrive company.</p>
            <form method="post" action="/oauth/authorize">
              <input type="hidden" name="client_id" value="{H(client_id)}">
              <input type="hidden" name="redirect_uri" value="{H(redirect_uri)}">
              <input type="hidden" name="state" value="{H(state)}">
              <label>Company and user <select name="account">{options}</select></label>
              <p><button name="decision" value="approve">Allow and install</button> <button name="decision" value="deny">Cancel</button></p>
            </form>
            """;
        return Page("Install app", form, StatusCodes.Status200OK);
    }

    private static async Task<IResult> Decide(HttpRequest request, OAuthService oauth)
    {
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var redirect = form["redirect_uri"].ToString();
        var state = form["state"].ToString();
        if (form["client_id"] != oauth.App.ClientId || !oauth.IsRegisteredRedirect(redirect))
        {
            return Page("App cannot be installed", "<p>Unknown client or redirect_uri.</p>", StatusCodes.Status400BadRequest);
        }

        if (form["decision"] != "approve")
        {
            return Results.Redirect(OAuthService.Deny(redirect, state));
        }

        var account = form["account"].ToString().Split(':');
        if (account.Length != 2 || !long.TryParse(account[0], out var companyId) || !long.TryParse(account[1], out var userId)
            || oauth.Approve(companyId, userId, redirect, state) is not { } location)
        {
            return Page("App cannot be installed", "<p>App cannot be installed for requested company.</p>", StatusCodes.Status400BadRequest);
        }

        return Results.Redirect(location);
    }

    private static async Task<IResult> Token(
        HttpRequest request,
        OAuthService oauth,
        PipedriveStore store,
        IOptions<SandboxOptions> sandbox,
        IOptions<PipedriveEmulatorOptions> options)
    {
        if (!request.HasFormContentType)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "Invalid request: content must be application/x-www-form-urlencoded");
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var authorization = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(authorization) && !form.ContainsKey("client_id"))
        {
            return Error(StatusCodes.Status401Unauthorized, "invalid_client", "Invalid client: cannot retrieve client credentials");
        }

        if (!oauth.IsClient(string.IsNullOrEmpty(authorization) ? null : authorization, form["client_id"].FirstOrDefault(), form["client_secret"].FirstOrDefault()))
        {
            return Error(StatusCodes.Status401Unauthorized, "invalid_client", "Invalid client: client is invalid");
        }

        var grantType = form["grant_type"].ToString();
        var lifetime = TimeSpan.FromSeconds(options.Value.AccessTokenLifetimeSeconds);
        lock (store.Gate)
        {
            Model.TokenGrant refresh;
            switch (grantType)
            {
                case "":
                    return Error(StatusCodes.Status400BadRequest, "invalid_request", "Missing parameter: grant_type");
                case "authorization_code":
                    var code = store.FindCode(form["code"].ToString());
                    if (code is null || code.Used || code.Revoked)
                    {
                        return Error(StatusCodes.Status400BadRequest, "invalid_grant", "Invalid grant: authorization_code is invalid");
                    }

                    if (code.ExpiresAt <= store.Now)
                    {
                        return Error(StatusCodes.Status400BadRequest, "invalid_grant", "Invalid grant: authorization_code has expired");
                    }

                    var redirect = form["redirect_uri"].ToString();
                    if (!Uri.TryCreate(redirect, UriKind.Absolute, out _))
                    {
                        return Error(StatusCodes.Status400BadRequest, "invalid_request", "Invalid request: redirect_uri is not a valid URI");
                    }

                    if (!string.Equals(redirect.TrimEnd('/'), code.RedirectUri?.TrimEnd('/'), StringComparison.Ordinal))
                    {
                        return Error(StatusCodes.Status400BadRequest, "invalid_request", "Invalid request: redirect_uri is invalid");
                    }

                    code.Used = true;
                    refresh = store.RefreshTokenFor(code.CompanyId, code.UserId);
                    break;
                case "refresh_token":
                    var presented = store.FindRefreshToken(form["refresh_token"].ToString());
                    if (presented is null || presented.Revoked || presented.ExpiresAt <= store.Now)
                    {
                        return Error(StatusCodes.Status400BadRequest, "invalid_grant", "Invalid grant: refresh_token is invalid");
                    }

                    refresh = store.RefreshTokenFor(presented.CompanyId, presented.UserId);
                    break;
                default:
                    return Error(StatusCodes.Status400BadRequest, "unsupported_grant_type", "Unsupported grant type: grant_type is invalid");
            }

            var access = store.IssueAccessToken(refresh.CompanyId, refresh.UserId, lifetime);
            return PipedriveResponses.Json(new JsonObject
            {
                ["access_token"] = access.Value,
                ["token_type"] = "Bearer",
                ["refresh_token"] = refresh.Value,
                ["scope"] = options.Value.Scopes,
                ["expires_in"] = Math.Max(1, options.Value.AccessTokenLifetimeSeconds - 1),
                ["api_domain"] = sandbox.Value.PipedriveUrl.AbsoluteUri.TrimEnd('/'),
            });
        }
    }

    private static async Task<IResult> Revoke(HttpRequest request, OAuthService oauth, PipedriveStore store, UninstallNotifier uninstaller)
    {
        if (!request.HasFormContentType)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "Invalid request: content must be application/x-www-form-urlencoded");
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var authorization = request.Headers.Authorization.ToString();
        if (!oauth.IsClient(string.IsNullOrEmpty(authorization) ? null : authorization, form["client_id"].FirstOrDefault(), form["client_secret"].FirstOrDefault()))
        {
            return Error(StatusCodes.Status401Unauthorized, "invalid_client", "Invalid client: client is invalid");
        }

        var token = form["token"].ToString();
        long? uninstallCompany = null;
        long? uninstallUser = null;
        lock (store.Gate)
        {
            if (store.FindRefreshToken(token) is { Revoked: false } refresh)
            {
                (uninstallCompany, uninstallUser) = (refresh.CompanyId, refresh.UserId);
            }
            else if (store.FindAccessToken(token) is { } access)
            {
                access.Revoked = true;
            }
        }

        if (uninstallCompany is { } companyId)
        {
            await uninstaller.UninstallAsync(companyId, uninstallUser, oauth.App.CallbackOnRevoke, request.HttpContext.RequestAborted);
        }

        return PipedriveResponses.Json(new JsonObject { ["success"] = true });
    }

    private static IResult Error(int status, string error, string description) => PipedriveResponses.Json(new JsonObject
    {
        ["success"] = false,
        ["error"] = error,
        ["error_description"] = description,
        ["message"] = description,
    }, status);

    private static string H(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    private static IResult Page(string title, string body, int status) => Results.Content(
        $"<!doctype html><html><head><meta charset=\"utf-8\"><title>{H(title)}</title></head><body><h1>{H(title)}</h1>{body}</body></html>",
        "text/html; charset=utf-8", Encoding.UTF8, status);
}
