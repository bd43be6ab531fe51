using PipedriveMaileon.ApiClients.Resilience;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>Configuration section <c>Pipedrive</c>. The API base comes per installation from the token's <c>api_domain</c>.</summary>
public sealed class PipedriveOptions
{
    public const string SectionName = "Pipedrive";

    /// <summary>Pipedrive's OAuth server; https, except http to a loopback host or in Development.</summary>
    public Uri OAuthBaseUrl { get; set; } = new("https://oauth.pipedrive.com");

    /// <summary>
    /// <c>Pipedrive:AllowedApiHosts</c>: the hosts a token response's <c>api_domain</c> may name (see
    /// <see cref="PipedriveApiHosts"/>); empty means <see cref="PipedriveApiHosts.DefaultPattern"/>. Starts empty because
    /// configuration adds its entries to a list, it does not replace a default.
    /// </summary>
    public IList<string> AllowedApiHosts { get; } = [];

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    public ApiResilienceOptions Resilience { get; set; } = new();

    /// <summary>The secret is masked: options objects end up in diagnostics.</summary>
    public override string ToString() =>
        $"PipedriveOptions {{ OAuthBaseUrl = {OAuthBaseUrl}, ClientId = {ClientId}, ClientSecret = ***, AllowedApiHosts = [{string.Join(", ", AllowedApiHosts)}] }}";
}
