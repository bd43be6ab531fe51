using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Web.Operations;
using PipedriveMaileon.Web.Sessions;

namespace PipedriveMaileon.Web.Installation;

/// <summary>
/// The Marketplace installation: <c>GET /pipedrive/install</c> starts OAuth, <c>GET /pipedrive/callback</c>
/// completes it (inside the cluster, so tokens never reach this tier) and — only for the browser that started it, and
/// only for an admin — opens a settings session,
/// <c>DELETE /pipedrive/callback</c> is Pipedrive's uninstall notification.
/// </summary>
public static partial class InstallationEndpoints
{
    private const int MaxUninstallBody = 16 * 1024;

    public static IEndpointRouteBuilder MapInstallationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/pipedrive");
        group.MapGet("/install", Install);
        group.MapGet("/callback", Callback);
        group.MapDelete("/callback", UninstallCallback);
        return app;
    }

    private static IResult Install(HttpContext context, OAuthState oauthState, IOptions<PipedriveAppOptions> pipedrive, IOptions<PublicAppOptions> publicApp)
    {
        var (state, nonce) = oauthState.Create();
        context.Response.Cookies.Append(OAuthState.CookieName, nonce, new CookieOptions
        {
            HttpOnly = true,
            Secure = publicApp.Value.IsHttps,
            SameSite = SameSiteMode.Lax,
            MaxAge = oauthState.Lifetime,
            Path = "/pipedrive",
        });
        var authorize = new UriBuilder(new Uri(pipedrive.Value.AuthorizeBaseUrl, "/oauth/authorize"))
        {
            Query = $"client_id={Uri.EscapeDataString(pipedrive.Value.ClientId)}" +
                    $"&redirect_uri={Uri.EscapeDataString(publicApp.Value.CallbackUrl.ToString())}" +
                    $"&state={Uri.EscapeDataString(state)}",
        };
        return Results.Redirect(authorize.Uri.ToString());
    }

    private static async Task<IResult> Callback(
        HttpContext context,
        string? code,
        string? state,
        string? error,
        OAuthState oauthState,
        IClusterClient cluster,
        SessionTickets tickets,
        TimeProvider time,
        IOptions<PublicAppOptions> publicApp,
        IOptions<SettingsSessionOptions> sessions)
    {
        var cookieNonce = context.Request.Cookies[OAuthState.CookieName];
        context.Response.Cookies.Delete(OAuthState.CookieName, new CookieOptions { Path = "/pipedrive" });

        if (!string.IsNullOrEmpty(error))
        {
            return error == "user_denied"
                ? MessagePage.Render(StatusCodes.Status200OK, "Installation cancelled",
                    "You cancelled the installation in Pipedrive. Nothing was installed or changed.", "Start again", "/pipedrive/install")
                : MessagePage.Render(StatusCodes.Status400BadRequest, "Installation failed",
                    "Pipedrive reported an error, so nothing was installed. Please start the installation again.", "Start again", "/pipedrive/install");
        }

        // Installs started from the Pipedrive Marketplace arrive without a state; one that is present must be ours,
        // unexpired, and from this browser.
        var verified = state is not null && oauthState.Verify(state, cookieNonce);
        if (state is not null && !verified)
        {
            return MessagePage.Render(StatusCodes.Status400BadRequest, "This installation link is invalid or has expired",
                "For your protection nothing was installed. Please start the installation again from Pipedrive.", "Start again", "/pipedrive/install");
        }

        if (string.IsNullOrWhiteSpace(code) || code.Length > 512)
        {
            return MessagePage.Render(StatusCodes.Status400BadRequest, "Installation failed",
                "The request from Pipedrive carried no authorization code. Please start the installation again.", "Start again", "/pipedrive/install");
        }

        InstallationResult result;
        try
        {
            result = await cluster.Installation().CompleteAuthorization(code, publicApp.Value.CallbackUrl);
        }
        catch (GrainStateUnavailableException)
        {
            return MessagePage.Render(StatusCodes.Status503ServiceUnavailable, "Installation failed",
                "The app's database could not be reached, so nothing was installed. Please start the installation again in a minute.", "Start again", "/pipedrive/install");
        }

        return await FinishAsync(context, result, verified, cluster, tickets, time, publicApp.Value, sessions.Value);
    }

    /// <summary>
    /// After the code exchange: a non-admin is told to ask an admin; a browser that did not start the flow (no
    /// verified state: the code may be someone else's, as in login CSRF) is sent into a flow of its own; an admin who
    /// started it gets the standalone sign-in cookie.
    /// </summary>
    private static async Task<IResult> FinishAsync(
        HttpContext context, InstallationResult result, bool verified, IClusterClient cluster, SessionTickets tickets, TimeProvider time,
        PublicAppOptions publicApp, SettingsSessionOptions sessions)
    {
        if (result.RefusedNotAdmin)
        {
            return AskAnAdmin(result.CompanyName ?? "your company");
        }

        if (!result.Succeeded)
        {
            return MessagePage.Render(StatusCodes.Status502BadGateway, "Installation failed",
                result.FailureMessage ?? "Pipedrive did not confirm the installation. Nothing was installed.", "Start again", "/pipedrive/install");
        }

        if (!verified)
        {
            return Results.Redirect("/pipedrive/install");
        }

        var access = await cluster.SettingsAccess(result.CompanyId).Check(result.UserId, sessions.AdminRecheck);
        if (access.Role != AdminRole.Admin)
        {
            return access.Role == AdminRole.NotAdmin
                ? AskAnAdmin(result.CompanyName ?? "your company")
                : MessagePage.Render(StatusCodes.Status503ServiceUnavailable, "Installed, but not signed in",
                    access.Problem ?? "Pipedrive could not be asked whether you are an admin.", "Try again", "/settings");
        }

        var session = new TenantSession(result.CompanyId, result.UserId, access.InstallationEpoch, time.GetUtcNow(), SessionSource.OAuth, null, "light");
        SessionAuthentication.SignInWithCookie(context, session, tickets, publicApp.IsHttps, sessions.MaxSessionLifetime);
        return Results.Redirect(SessionRequests.SettingsPath);
    }

    private static IResult AskAnAdmin(string company) =>
        MessagePage.Render(StatusCodes.Status403Forbidden, $"Ask an admin of {company}",
            $"Only admins of {company} can install Maileon for Pipedrive, change its settings, export its consent ledger or uninstall it. " +
            $"Nothing was changed. Ask an admin of {company} to install the app or open its settings, or to make you an admin.",
            kind: "ask-admin");

    private static async Task<IResult> UninstallCallback(
        HttpContext context,
        IOptions<PipedriveAppOptions> pipedrive,
        IClusterClient cluster,
        TimeProvider time,
        ILogger<PipedriveAppOptions> logger)
    {
        var options = pipedrive.Value;
        if (!AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null
            || !OperatorAuthenticationHandler.ConstantTimeEquals(DecodeBasic(header.Parameter), $"{options.ClientId}:{options.ClientSecret}"))
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Client credentials required");
        }

        UninstallNotice? notice;
        try
        {
            if (context.Request.ContentLength > MaxUninstallBody)
            {
                return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large");
            }

            notice = await JsonSerializer.DeserializeAsync<UninstallNotice>(context.Request.Body, UninstallNotice.JsonOptions, context.RequestAborted);
        }
        catch (JsonException)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON");
        }

        if (notice?.CompanyId is not > 0)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "company_id is required");
        }

        if (notice.ClientId is not null && notice.ClientId != options.ClientId)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "client_id does not match this app");
        }

        await cluster.TenantSetup(notice.CompanyId.Value)
            .Uninstall(new UninstallRequest(UninstallSource.PipedriveCallback, notice.UserId, time.GetUtcNow()));
        LogUninstalled(logger, notice.CompanyId.Value);
        return Results.Ok();
    }

    private static string DecodeBasic(string parameter)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
        }
        catch (FormatException)
        {
            return string.Empty;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pipedrive's uninstall callback for company {CompanyId} handled")]
    private static partial void LogUninstalled(ILogger logger, long companyId);
}
