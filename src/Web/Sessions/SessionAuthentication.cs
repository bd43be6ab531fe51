using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using PipedriveMaileon.Web.Installation;

namespace PipedriveMaileon.Web.Sessions;

/// <summary>
/// The settings page session: an encrypted, HttpOnly cookie bound to company and user, issued by the OAuth
/// callback. Over HTTPS it is SameSite=None; Secure so the page works inside Pipedrive's app-settings iframe;
/// over plain HTTP (local runs) it is SameSite=Lax.
/// </summary>
public static class SessionAuthentication
{
    public const string Scheme = "Session";
    public const string PolicyName = "TenantAdmin";
    public const string CookieName = "pm_session";

    public static IServiceCollection AddTenantSessions(this IServiceCollection services, IConfiguration configuration)
    {
        var isHttps = (configuration.GetSection(PublicAppOptions.Section).Get<PublicAppOptions>() ?? new PublicAppOptions()).IsHttps;
        services.AddAuthentication(Scheme)
            .AddCookie(Scheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = isHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                o.Cookie.SameSite = isHttps ? SameSiteMode.None : SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.LoginPath = "/pipedrive/install";
                o.ReturnUrlParameter = "returnUrl";
                o.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(PolicyName, p => p.AddAuthenticationSchemes(Scheme).RequireClaim(TenantSession.CompanyIdClaim));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "pm_antiforgery";
            o.Cookie.SecurePolicy = isHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = isHttps ? SameSiteMode.None : SameSiteMode.Lax;
        });
        return services;
    }

    public static Task SignInAsync(HttpContext context, TenantSession session) =>
        context.SignInAsync(Scheme, session.ToPrincipal());

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(Scheme);
}
