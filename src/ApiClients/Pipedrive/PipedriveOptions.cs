using PipedriveMaileon.ApiClients.Resilience;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>Configuration section <c>Pipedrive</c>. The API base comes per installation from the token's <c>api_domain</c>.</summary>
public sealed class PipedriveOptions
{
    public const string SectionName = "Pipedrive";

    public Uri OAuthBaseUrl { get; set; } = new("https://oauth.pipedrive.com");

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    public ApiResilienceOptions Resilience { get; set; } = new();

    /// <summary>The secret is masked: options objects end up in diagnostics.</summary>
    public override string ToString() =>
        $"PipedriveOptions {{ OAuthBaseUrl = {OAuthBaseUrl}, ClientId = {ClientId}, ClientSecret = *** }}";
}
