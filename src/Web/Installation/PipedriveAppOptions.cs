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

    [Required]
    public Uri OAuthBaseUrl { get; set; } = new("https://oauth.pipedrive.com");
}
