using System.Globalization;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>
/// What one API call needs from an installation: the company (tenant), its <c>api_domain</c> and a current
/// access token. The caller owns the tokens and builds a new value after a refresh.
/// </summary>
public sealed class PipedriveConnection
{
    public PipedriveConnection(long companyId, Uri apiDomain, string accessToken)
    {
        ArgumentNullException.ThrowIfNull(apiDomain);
        ArgumentException.ThrowIfNullOrWhiteSpace(accessToken);
        if (!apiDomain.IsAbsoluteUri || (apiDomain.Scheme != Uri.UriSchemeHttps && apiDomain.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The api domain must be an absolute http(s) URL.", nameof(apiDomain));
        }

        CompanyId = companyId;
        ApiDomain = apiDomain;
        AccessToken = accessToken;
    }

    public long CompanyId { get; }

    public Uri ApiDomain { get; }

    public string AccessToken { get; }

    internal string TenantKey => CompanyId.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>{api_domain}/api/v1/...</c>, keeping any path the domain already has (sandbox emulators use one).</summary>
    internal Uri Resolve(string pathAndQuery) => new(ApiDomain.AbsoluteUri.TrimEnd('/') + pathAndQuery);

    public override string ToString() => $"PipedriveConnection {{ CompanyId = {CompanyId}, ApiDomain = {ApiDomain}, AccessToken = *** }}";
}
