using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Resilience;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>
/// Pipedrive's OAuth server (<c>Pipedrive:OAuthBaseUrl</c>): authorize URL, code exchange, refresh, revoke.
/// Token calls send form bodies with HTTP Basic client authentication. A token response whose <c>api_domain</c> is not
/// an allowed Pipedrive host (<see cref="PipedriveApiHosts"/>) is refused as a whole: its tokens are never returned,
/// so nothing can send them there.
/// </summary>
public sealed class PipedriveOAuthClient
{
    private const string FormMediaType = "application/x-www-form-urlencoded";

    /// <summary>The <see cref="PipedriveOAuthException.ErrorCode"/> of a token response refused for its <c>api_domain</c>.</summary>
    public const string ForeignApiDomain = "foreign_api_domain";

    private readonly HttpClient http;
    private readonly PipedriveOptions options;
    private readonly PipedriveApiHosts apiHosts;
    private readonly TimeProvider time;

    public PipedriveOAuthClient(HttpClient http, IOptions<PipedriveOptions> options, TimeProvider time, IHostEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.http = http;
        this.options = options.Value;
        this.apiHosts = new PipedriveApiHosts(this.options.AllowedApiHosts, httpToAnyAllowedHost: environment?.IsDevelopment() == true);
        this.time = time;
    }

    /// <summary>
    /// <c>{OAuthBaseUrl}/oauth/authorize?client_id=..&amp;redirect_uri=..&amp;state=..</c>, for installs that start
    /// outside the Marketplace. Scopes are configured on the app, not in the URL.
    /// </summary>
    public Uri BuildAuthorizeUrl(Uri redirectUri, string state)
    {
        ArgumentNullException.ThrowIfNull(redirectUri);
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
        var query = new QueryString()
            .Add("client_id", options.ClientId)
            .Add("redirect_uri", redirectUri.AbsoluteUri)
            .Add("state", state);
        return new Uri(BaseUrl() + "/oauth/authorize" + query);
    }

    /// <summary>
    /// Exchanges an authorization code (valid 5 minutes, single use). Never repeated automatically: a repeat after a
    /// lost response would fail with invalid_grant.
    /// </summary>
    public Task<PipedriveTokens> ExchangeCodeAsync(string code, Uri redirectUri, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentNullException.ThrowIfNull(redirectUri);
        return RequestTokensAsync(
            "ExchangeCode",
            [
                new("grant_type", "authorization_code"),
                new("code", code),
                new("redirect_uri", redirectUri.AbsoluteUri),
            ],
            retrySafe: false,
            code,
            cancellationToken);
    }

    /// <summary>
    /// Refreshes the access token. A <see cref="PipedriveOAuthException"/> with
    /// <see cref="ApiFailureKind.InvalidGrant"/> means the installation is dead; any transient kind means try again.
    /// Pipedrive re-issues the same refresh token, so a repeat after a lost response is safe.
    /// </summary>
    public Task<PipedriveTokens> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(refreshToken);
        return RequestTokensAsync(
            "Refresh",
            [
                new("grant_type", "refresh_token"),
                new("refresh_token", refreshToken),
            ],
            retrySafe: true,
            refreshToken,
            cancellationToken);
    }

    /// <summary>
    /// <c>POST /oauth/revoke</c> (RFC 7009). Revoking the refresh token uninstalls the app for the company; the
    /// server answers 200 for unknown tokens too, so repeating is safe.
    /// </summary>
    public async Task RevokeAsync(string token, PipedriveTokenTypeHint hint, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        KeyValuePair<string, string>[] form =
        [
            new("token", token),
            new("token_type_hint", hint == PipedriveTokenTypeHint.RefreshToken ? "refresh_token" : "access_token"),
        ];
        using var response = await PostFormAsync("Revoke", "/oauth/revoke", form, retrySafe: true, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync("Revoke", response, isRefresh: false, token, cancellationToken);
        }
    }

    private async Task<PipedriveTokens> RequestTokensAsync(
        string operation,
        KeyValuePair<string, string>[] form,
        bool retrySafe,
        string grantSecret,
        CancellationToken cancellationToken)
    {
        // Expiry counts from before the request left, so a slow answer can only make us refresh early.
        var requestedAt = time.GetUtcNow();
        using var response = await PostFormAsync(operation, "/oauth/token", form, retrySafe, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw Failure(operation, response, body, isRefresh: operation == "Refresh", grantSecret);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var accessToken = JsonValues.String(root, "access_token");
            var refreshToken = JsonValues.String(root, "refresh_token");
            var apiDomain = JsonValues.String(root, "api_domain");
            if (string.IsNullOrEmpty(accessToken) || string.IsNullOrEmpty(refreshToken) || string.IsNullOrEmpty(apiDomain))
            {
                throw UnexpectedTokenResponse(operation, null);
            }

            if (apiHosts.Accept(apiDomain, out var apiDomainProblem) is not { } apiDomainUri)
            {
                throw new PipedriveOAuthException(operation, ApiFailureKind.Rejected, (int)response.StatusCode, ForeignApiDomain, apiDomainProblem, null);
            }

            var expiresIn = JsonValues.Int64(root, "expires_in") ?? 0;
            var scopes = (JsonValues.String(root, "scope") ?? "")
                .Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return new PipedriveTokens(
                accessToken,
                refreshToken,
                JsonValues.String(root, "token_type") ?? "Bearer",
                requestedAt.AddSeconds(Math.Max(0, expiresIn)),
                scopes,
                apiDomainUri);
        }
        catch (JsonException exception)
        {
            throw UnexpectedTokenResponse(operation, exception);
        }
    }

    private async Task<HttpResponseMessage> PostFormAsync(
        string operation,
        string path,
        KeyValuePair<string, string>[] form,
        bool retrySafe,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUrl() + path));
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ClientId}:{options.ClientSecret}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Content = new FormUrlEncodedContent(form);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(FormMediaType);
        ApiRequestOptions.Set(request, ApiRequestOptions.SharedTenantKey, retrySafe, operation);
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or TaskCanceledException)
        {
            throw new PipedriveOAuthException(
                operation,
                ApiFailureKind.Transient,
                null,
                null,
                TransportFailure.Describe(exception),
                (exception as BrokenCircuitException)?.RetryAfter,
                exception);
        }
    }

    private async Task<PipedriveOAuthException> FailureAsync(
        string operation,
        HttpResponseMessage response,
        bool isRefresh,
        string secret,
        CancellationToken cancellationToken) =>
        Failure(operation, response, await response.Content.ReadAsStringAsync(cancellationToken), isRefresh, secret);

    private PipedriveOAuthException Failure(string operation, HttpResponseMessage response, string body, bool isRefresh, string secret)
    {
        var status = (int)response.StatusCode;
        var (errorCode, description) = PipedriveOAuthFailures.ReadOAuthError(body);
        var message = SecretScrubber.Scrub(description, secret, options.ClientSecret);
        var kind = PipedriveOAuthFailures.ClassifyOAuthFailure(status, errorCode, description, isRefresh);
        return new PipedriveOAuthException(operation, kind, status, errorCode, message, RetryHint.RetryAfter(response, time));
    }

    private static PipedriveOAuthException UnexpectedTokenResponse(string operation, Exception? inner) =>
        new(operation, ApiFailureKind.Transient, 200, null, "Unexpected token response: access_token, refresh_token or api_domain missing.", null, inner);

    private string BaseUrl() => options.OAuthBaseUrl.AbsoluteUri.TrimEnd('/');
}
