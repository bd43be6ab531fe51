namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>The result of a code exchange or refresh at <c>/oauth/token</c>.</summary>
public sealed class PipedriveTokens
{
    public PipedriveTokens(
        string accessToken,
        string refreshToken,
        string tokenType,
        DateTimeOffset expiresAt,
        IReadOnlyList<string> scopes,
        Uri apiDomain)
    {
        AccessToken = accessToken;
        RefreshToken = refreshToken;
        TokenType = tokenType;
        ExpiresAt = expiresAt;
        Scopes = scopes;
        ApiDomain = apiDomain;
    }

    public string AccessToken { get; }

    /// <summary>Store whatever comes back: Pipedrive currently re-issues the same value, but may rotate it.</summary>
    public string RefreshToken { get; }

    public string TokenType { get; }

    /// <summary>When the access token stops working, computed from <c>expires_in</c> and the time the request was sent.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The granted scopes, from the comma-separated <c>scope</c> value.</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>Base of every API call for this installation: <c>{api_domain}/api/v1/...</c>.</summary>
    public Uri ApiDomain { get; }

    public bool HasScope(string scope) => Scopes.Contains(scope, StringComparer.Ordinal);

    public PipedriveConnection ToConnection(long companyId) => new(companyId, ApiDomain, AccessToken);

    public override string ToString() =>
        $"PipedriveTokens {{ AccessToken = ***, RefreshToken = ***, TokenType = {TokenType}, ExpiresAt = {ExpiresAt:O}, " +
        $"Scopes = [{string.Join(",", Scopes)}], ApiDomain = {ApiDomain} }}";
}
