using System.Globalization;
using System.Security.Claims;

namespace PipedriveMaileon.Web.Sessions;

/// <summary>
/// Who is using the settings page: a Pipedrive user of one company, as proven by the OAuth callback. Every
/// settings request acts on this company only; no route or form field can name another.
/// </summary>
public sealed record TenantSession(long CompanyId, long UserId, string UserName, string CompanyName)
{
    public const string CompanyIdClaim = "pm:company_id";
    public const string UserIdClaim = "pm:user_id";
    public const string CompanyNameClaim = "pm:company_name";

    public ClaimsPrincipal ToPrincipal() => new(new ClaimsIdentity(
        [
            new Claim(CompanyIdClaim, CompanyId.ToString(CultureInfo.InvariantCulture)),
            new Claim(UserIdClaim, UserId.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, UserName),
            new Claim(CompanyNameClaim, CompanyName),
        ],
        SessionAuthentication.Scheme));

    public static TenantSession? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.AuthenticationType != SessionAuthentication.Scheme
            || !long.TryParse(principal.FindFirstValue(CompanyIdClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var companyId)
            || !long.TryParse(principal.FindFirstValue(UserIdClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var userId))
        {
            return null;
        }

        return new TenantSession(companyId, userId, principal.Identity.Name ?? string.Empty, principal.FindFirstValue(CompanyNameClaim) ?? string.Empty);
    }
}
