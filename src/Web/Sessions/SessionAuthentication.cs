using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PipedriveMaileon.Web.Sessions;

/// <summary>
/// Settings sessions (see <see cref="SettingsSessionHandler"/>): inside Pipedrive they begin with Pipedrive's signed
/// iframe token and live in the page (a ticket in its forms, links and fetches); standalone they begin with the OAuth
/// round trip, which also leaves the ticket in a first-party, HttpOnly, SameSite=Lax cookie so that typing
/// <c>/settings</c> works. Every settings route requires <see cref="PolicyName"/>: an admin, re-checked on each request.
/// </summary>
public static class SessionAuthentication
{
    public const string Scheme = "Session";
    public const string PolicyName = "TenantAdmin";

    /// <summary>The person panel's policy: any user of the company, with the same sessions and installation checks.</summary>
    public const string MemberPolicyName = "TenantMember";
    public const string CookieName = "pm_session";

    public static IServiceCollection AddTenantSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SettingsSessionOptions>().Bind(configuration.GetSection(SettingsSessionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SessionTickets>();
        services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, SettingsSessionHandler>(Scheme, null);
        services.AddSingleton<IAuthorizationHandler, SettingsAdminHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, SettingsAccessResultHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(PolicyName, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().AddRequirements(new SettingsAdminRequirement()))
            .AddPolicy(MemberPolicyName, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().AddRequirements(new SettingsAdminRequirement(adminOnly: false)));

        // The session ticket a page sends with each change is the antiforgery token (it works without cookies);
        // ASP.NET's cookie-bound tokens would be missing wherever third-party cookies are blocked. PostConfigure:
        // AddRazorPages (called after this) sets the conventions up afresh.
        services.PostConfigure<RazorPagesOptions>(o =>
        {
            o.Conventions.AddPageRoute("/Settings/Index", SessionRequests.PipedriveAppPath.TrimStart('/'));
            o.Conventions.ConfigureFilter(new IgnoreAntiforgeryTokenAttribute { Order = 1001 });
        });
        return services;
    }

    /// <summary>The standalone sign-in: the ticket in a first-party cookie, for reading requests only.</summary>
    public static void SignInWithCookie(HttpContext context, TenantSession session, SessionTickets tickets, bool secure, TimeSpan lifetime) =>
        context.Response.Cookies.Append(CookieName, tickets.IssueForCookie(session), new CookieOptions
        {
            HttpOnly = true,
            Secure = secure,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            MaxAge = lifetime,
        });

    public static void DeleteCookie(HttpContext context)
    {
        if (context.Request.Cookies.ContainsKey(CookieName))
        {
            context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
        }
    }
}
