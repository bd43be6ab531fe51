using System.ComponentModel.DataAnnotations;

namespace PipedriveMaileon.Web.Installation;

/// <summary>Configuration section <c>Pipedrive</c>: the app's registration in Pipedrive's Developer Hub.</summary>
public sealed class PipedriveAppOptions
{
    public const string Section = "Pipedrive";

    [Required(ErrorMessage = "Pipedrive:ClientId is required (the app's client id from Pipedrive's Developer Hub).")]
    public string ClientId { get; set; } = string.Empty;

    [Required(ErrorMessage = "Pipedrive:ClientSecret is required (the app's client secret from Pipedrive's Developer Hub).")]
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>
    /// Verifies the signed <c>token</c> Pipedrive adds to the app-settings iframe (the custom UI extension's JWT
    /// secret from Developer Hub); unset = the client secret, as Pipedrive signs with it then.
    /// </summary>
    public string? ExtensionJwtSecret { get; set; }

    public string ExtensionTokenSecret => string.IsNullOrEmpty(ExtensionJwtSecret) ? ClientSecret : ExtensionJwtSecret;

    [Required]
    public Uri OAuthBaseUrl { get; set; } = new("https://oauth.pipedrive.com");

    /// <summary>
    /// Where the admin's browser is sent to authorize (<c>Pipedrive:OAuthAuthorizeBaseUrl</c>) when it differs from
    /// the address the silos exchange codes at (<c>Pipedrive:OAuthBaseUrl</c>), as in containers; default the same.
    /// </summary>
    public Uri? OAuthAuthorizeBaseUrl { get; set; }

    public Uri AuthorizeBaseUrl => OAuthAuthorizeBaseUrl ?? OAuthBaseUrl;

    /// <summary>How long an installation started with <c>/pipedrive/install</c> may take until the callback (the signed <c>state</c> and its cookie).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Pipedrive:OAuthStateLifetime must be between 1 second and 1 hour.")]
    public TimeSpan OAuthStateLifetime { get; set; } = TimeSpan.FromMinutes(10);
}
