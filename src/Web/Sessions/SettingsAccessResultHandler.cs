using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using PipedriveMaileon.Web.Layout;

namespace PipedriveMaileon.Web.Sessions;

/// <summary>
/// What a refused settings request sees: the way into a session where there is one (the standalone sign-in), else a
/// page saying why — "ask an admin of ACME", "the app is uninstalled", "your session ended" — with the standalone
/// sign-in cookie deleted whenever the session it holds can no longer work. A refused change says nothing was changed.
/// </summary>
public sealed class SettingsAccessResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || !policy.Requirements.OfType<SettingsAdminRequirement>().Any())
        {
            await fallback.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var failure = SessionRequests.GetFailure(context);
        var feature = context.Features.Get<SettingsSessionFeature>();
        // The sign-in cookie goes when the session in it no longer works — not because a form carried a bad ticket
        // (a cross-site page could send one, and must not sign anyone out).
        if (SessionRequests.IsFromCookie(context) && failure is not (SessionFailure.None or SessionFailure.RoleUnknown))
        {
            SessionAuthentication.DeleteCookie(context);
        }

        if (failure == SessionFailure.None && SessionRequests.IsEntryPoint(context.Request))
        {
            context.Response.Redirect("/pipedrive/install");
            return;
        }

        if (failure == SessionFailure.NotInstalled && SessionRequests.IsReading(context.Request))
        {
            context.Response.Redirect(UninstalledPage(feature?.Session));
            return;
        }

        var (status, message) = Describe(failure, feature);
        if (!SessionRequests.IsReading(context.Request))
        {
            (status, message) = (StatusCodes.Status400BadRequest, message with { Text = message.Text + " Nothing was changed." });
        }

        await new RazorView<MessageModel>("/Layout/Message.cshtml", message, status).ExecuteAsync(context);
    }

    /// <summary>Keeps the Pipedrive iframe's SDK identifier and theme, so the page still initialises the SDK there.</summary>
    public static string UninstalledPage(TenantSession? session) =>
        session?.ExtensionId is { } id
            ? $"/settings/uninstalled?id={Uri.EscapeDataString(id)}&theme={Uri.EscapeDataString(session.Theme)}"
            : "/settings/uninstalled";

    private static (int Status, MessageModel Message) Describe(SessionFailure failure, SettingsSessionFeature? feature)
    {
        var company = feature?.Access.CompanyName ?? "your company";
        return failure switch
        {
            SessionFailure.PipedriveTokenRefused => (StatusCodes.Status401Unauthorized, new MessageModel("token-refused",
                "Pipedrive's sign-in could not be verified",
                "This page was not opened by Pipedrive for your user, or its sign-in has expired. Open the app's settings from Pipedrive again.")),
            SessionFailure.NotAdmin => (StatusCodes.Status403Forbidden, new MessageModel("ask-admin",
                $"Ask an admin of {company}",
                $"Only admins of {company} can change the settings of Maileon for Pipedrive, export its consent ledger or uninstall it, and {feature?.Access.UserName ?? "your Pipedrive user"} is not one. Ask an admin of {company} to open the app's settings, or to make you an admin.")),
            SessionFailure.SessionEnded => (StatusCodes.Status401Unauthorized, new MessageModel("session-ended",
                "Your session has ended",
                "The app was uninstalled or installed again since this page was opened. Open the app's settings again.", "Open the settings", "/settings")),
            SessionFailure.NeedsReauthorization => (StatusCodes.Status403Forbidden, new MessageModel("reauthorize",
                "Pipedrive no longer accepts this app's authorisation",
                $"Nothing is synced for {company} right now. An admin of {company} can reconnect the app.", "Reconnect Pipedrive", "/pipedrive/install")),
            SessionFailure.RoleUnknown => (StatusCodes.Status503ServiceUnavailable, new MessageModel("role-unknown",
                "Pipedrive could not be reached",
                feature?.Access.Problem ?? "Please try again in a minute.")),
            SessionFailure.NotInstalled => (StatusCodes.Status403Forbidden, new MessageModel("not-installed",
                "The app is not installed", $"Maileon for Pipedrive is not installed for {company}.", "Install", "/pipedrive/install")),
            _ => (StatusCodes.Status401Unauthorized, new MessageModel("session-expired",
                "Your session has expired",
                "Open the app's settings in Pipedrive again, or sign in again here.", "Sign in", "/settings")),
        };
    }
}
