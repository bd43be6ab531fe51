using System.ComponentModel.DataAnnotations;

namespace PipedriveMaileon.Web.Installation;

/// <summary>Configuration section <c>App</c>.</summary>
public sealed class PublicAppOptions
{
    public const string Section = "App";

    /// <summary>The URL Pipedrive and Maileon reach us at; the OAuth callback and webhooks are built from it.</summary>
    [Required(ErrorMessage = "App:PublicBaseUrl is required (e.g. https://pipedrive-maileon.example.com).")]
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:5000");

    public Uri CallbackUrl => new(PublicBaseUrl, "/pipedrive/callback");

    public bool IsHttps => PublicBaseUrl.Scheme == Uri.UriSchemeHttps;
}
