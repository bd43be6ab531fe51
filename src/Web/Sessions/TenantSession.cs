using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization;

namespace PipedriveMaileon.Web.Sessions;

/// <summary>
/// Who is using the settings page: a Pipedrive user of one company, as proven by Pipedrive's signed iframe token or
/// the OAuth round trip. Every settings request acts on this company only; no route or form field can name another.
/// <see cref="InstallationEpoch"/> is the installation the session belongs to (null until the first check after a
/// sign-in from Pipedrive's token); <see cref="ExtensionId"/> and <see cref="Theme"/> keep the Pipedrive iframe's
/// SDK identifier and theme across the page's own navigations.
/// </summary>
public sealed record TenantSession(
    [property: JsonPropertyName("c")] long CompanyId,
    [property: JsonPropertyName("u")] long UserId,
    [property: JsonPropertyName("e")] int? InstallationEpoch,
    [property: JsonPropertyName("a")] DateTimeOffset AuthenticatedAt,
    [property: JsonPropertyName("s")] SessionSource Source,
    [property: JsonPropertyName("i")] string? ExtensionId,
    [property: JsonPropertyName("t")] string Theme)
{
    public const string CompanyIdClaim = "pm:company_id";
    public const string UserIdClaim = "pm:user_id";
    private const string SessionClaim = "pm:session";

    public bool InsidePipedrive => ExtensionId is not null;

    public ClaimsPrincipal ToPrincipal() => new(new ClaimsIdentity(
        [
            new Claim(CompanyIdClaim, CompanyId.ToString(CultureInfo.InvariantCulture)),
            new Claim(UserIdClaim, UserId.ToString(CultureInfo.InvariantCulture)),
            new Claim(SessionClaim, SessionTickets.Serialize(this)),
        ],
        SessionAuthentication.Scheme));

    public static TenantSession? From(ClaimsPrincipal principal) =>
        principal.Identity?.AuthenticationType == SessionAuthentication.Scheme && principal.FindFirstValue(SessionClaim) is { } json
            ? SessionTickets.Deserialize(json)
            : null;
}
