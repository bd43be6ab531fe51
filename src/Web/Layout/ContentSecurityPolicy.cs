using PipedriveMaileon.Web.Installation;

namespace PipedriveMaileon.Web.Layout;

/// <summary>
/// The pages' Content-Security-Policy: scripts, styles and fetches from our own origin only (no inline script or
/// style, no <c>'unsafe-inline'</c>), and framing only by ourselves and Pipedrive — the real one's origins, or the
/// Pipedrive emulator's origin when <c>Pipedrive:OAuthBaseUrl</c> points at one (its console hosts the iframe).
/// </summary>
public static class ContentSecurityPolicy
{
    public static string Build(PipedriveAppOptions pipedrive)
    {
        var ancestors = "'self' https://*.pipedrive.com";
        var oauth = pipedrive.OAuthBaseUrl;
        if (!oauth.Host.Equals("pipedrive.com", StringComparison.OrdinalIgnoreCase) && !oauth.Host.EndsWith(".pipedrive.com", StringComparison.OrdinalIgnoreCase))
        {
            ancestors += " " + oauth.GetLeftPart(UriPartial.Authority);
        }

        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; " +
               $"base-uri 'none'; form-action 'self'; frame-ancestors {ancestors}";
    }
}
