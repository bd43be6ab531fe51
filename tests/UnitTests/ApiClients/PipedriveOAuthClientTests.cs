using System.Net;
using System.Text;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Pipedrive;

namespace PipedriveMaileon.UnitTests.ApiClients;

public sealed class PipedriveOAuthClientTests : IDisposable
{
    // The token response example of Pipedrive's OpenAPI spec (v1.yaml, /oauth/token), scope widened as in the reference notes.
    private const string TokenResponse = """
        {
          "access_token": "v1u:AQIBAHj+LzTNK1yuuuaLqifzhWb9crUNKTpk4Fl-access",
          "token_type": "Bearer",
          "expires_in": 3599,
          "refresh_token": "1:1:2a5496a8bdd0f829dcb09dc8ba82b188f0ea4481",
          "scope": "base,deals:read,contacts:full,admin",
          "api_domain": "https://user-company.pipedrive.com"
        }
        """;

    private const string RefreshToken = "1:1:2a5496a8bdd0f829dcb09dc8ba82b188f0ea4481";

    private readonly ApiClientHarness harness = new(fakeTime: true);

    public void Dispose() => harness.Dispose();

    [Fact]
    public void AuthorizeUrlCarriesClientIdRedirectAndStateEncoded()
    {
        var url = harness.OAuth.BuildAuthorizeUrl(new Uri("https://app.example.com/pipedrive/callback"), "148aHx+b/d=");

        Assert.Equal(
            "http://127.0.0.1:5101/oauth/authorize?client_id=test-client-id" +
            "&redirect_uri=https%3A%2F%2Fapp.example.com%2Fpipedrive%2Fcallback&state=148aHx%2Bb%2Fd%3D",
            url.AbsoluteUri);
    }

    [Fact]
    public async Task ExchangeCodePostsFormWithBasicClientAuthAndParsesTokens()
    {
        harness.Handler.Respond(HttpStatusCode.OK, TokenResponse);

        var tokens = await harness.OAuth.ExchangeCodeAsync(
            "123.456.2d73391055ca60cbf07f13aaaaf1207cfe33a4b605", new Uri("https://app.example.com/pipedrive/callback"));

        var request = harness.Handler.Single;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://127.0.0.1:5101/oauth/token", request.Uri.AbsoluteUri);
        Assert.Equal($"{ApiClientHarness.ClientId}:{ApiClientHarness.ClientSecret}", request.BasicCredentials);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal(
            "grant_type=authorization_code&code=123.456.2d73391055ca60cbf07f13aaaaf1207cfe33a4b605" +
            "&redirect_uri=https%3A%2F%2Fapp.example.com%2Fpipedrive%2Fcallback",
            request.BodyText);

        Assert.Equal("v1u:AQIBAHj+LzTNK1yuuuaLqifzhWb9crUNKTpk4Fl-access", tokens.AccessToken);
        Assert.Equal(RefreshToken, tokens.RefreshToken);
        Assert.Equal("Bearer", tokens.TokenType);
        Assert.Equal(harness.Time.GetUtcNow().AddSeconds(3599), tokens.ExpiresAt);
        Assert.Equal(["base", "deals:read", "contacts:full", "admin"], tokens.Scopes);
        Assert.True(tokens.HasScope("admin"));
        Assert.Equal(new Uri("https://user-company.pipedrive.com"), tokens.ApiDomain);
    }

    [Fact]
    public async Task RefreshPostsRefreshGrant()
    {
        harness.Handler.Respond(HttpStatusCode.OK, TokenResponse);

        var tokens = await harness.OAuth.RefreshAsync(RefreshToken);

        var request = harness.Handler.Single;
        Assert.Equal("/oauth/token", request.Path);
        Assert.Equal("grant_type=refresh_token&refresh_token=1%3A1%3A2a5496a8bdd0f829dcb09dc8ba82b188f0ea4481", request.BodyText);
        Assert.Equal($"{ApiClientHarness.ClientId}:{ApiClientHarness.ClientSecret}", request.BasicCredentials);
        Assert.Equal(RefreshToken, tokens.RefreshToken);
    }

    [Theory]
    [InlineData("""{"error":"invalid_grant","error_description":"Invalid grant: refresh token is invalid"}""")]
    [InlineData("""{"success":false,"error":"invalid_grant","error_description":"Invalid grant: refresh token is invalid","message":"Invalid grant: refresh token is invalid"}""")]
    [InlineData("""{"success":false,"message":"Invalid grant: refresh_token is invalid"}""")]
    [InlineData("Bad Request")]
    public async Task RefreshRejectedAsInvalidGrantMeansReauthorization(string body)
    {
        harness.Handler.Respond(HttpStatusCode.BadRequest, body);

        var failure = await Assert.ThrowsAsync<PipedriveOAuthException>(() => harness.OAuth.RefreshAsync(RefreshToken));

        Assert.Equal(ApiFailureKind.InvalidGrant, failure.Kind);
        Assert.True(failure.RequiresReauthorization);
        Assert.False(failure.IsTransient);
        Assert.Equal(400, failure.StatusCode);
        Assert.Single(harness.Handler.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, """{"error":"invalid_client","error_description":"Invalid client: client is invalid"}""", ApiFailureKind.Unauthorized)]
    [InlineData(HttpStatusCode.Unauthorized, """{"error":"invalid_client"}""", ApiFailureKind.Unauthorized)]
    [InlineData(HttpStatusCode.BadRequest, """{"error":"invalid_request","error_description":"Invalid request: content must be application/x-www-form-urlencoded"}""", ApiFailureKind.Rejected)]
    public async Task RefreshFailuresAboutOurOwnRequestAreNotADeadInstallation(HttpStatusCode status, string body, ApiFailureKind expected)
    {
        harness.Handler.Respond(status, body);

        var failure = await Assert.ThrowsAsync<PipedriveOAuthException>(() => harness.OAuth.RefreshAsync(RefreshToken));

        Assert.Equal(expected, failure.Kind);
        Assert.False(failure.RequiresReauthorization);
    }

    [Fact]
    public async Task RefreshServerErrorIsTransientAndRetriedUntilItSucceeds()
    {
        harness.Handler
            .Respond(HttpStatusCode.ServiceUnavailable, "maintenance", "text/plain")
            .Respond(HttpStatusCode.OK, TokenResponse);

        var tokens = await harness.AdvanceUntilDoneAsync(harness.OAuth.RefreshAsync(RefreshToken), TimeSpan.FromMilliseconds(50));

        Assert.Equal(2, harness.Handler.Requests.Count);
        Assert.Equal(RefreshToken, tokens.RefreshToken);
    }

    [Fact]
    public async Task RefreshThatKeepsFailingWithServerErrorsIsTransient()
    {
        harness.Handler.Respond(HttpStatusCode.InternalServerError, """{"success":false,"error":"internal"}""");

        var call = harness.OAuth.RefreshAsync(RefreshToken);
        var failure = await Assert.ThrowsAsync<PipedriveOAuthException>(
            () => harness.AdvanceUntilDoneAsync(call, TimeSpan.FromMilliseconds(50)));

        Assert.Equal(ApiFailureKind.Transient, failure.Kind);
        Assert.True(failure.IsTransient);
        Assert.False(failure.RequiresReauthorization);
        Assert.Equal(3, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task NetworkFailureOnRefreshIsTransient()
    {
        harness.Handler.Throw(new HttpRequestException(HttpRequestError.ConnectionError, "connection refused"));

        var call = harness.OAuth.RefreshAsync(RefreshToken);
        var failure = await Assert.ThrowsAsync<PipedriveOAuthException>(
            () => harness.AdvanceUntilDoneAsync(call, TimeSpan.FromMilliseconds(50)));

        Assert.Equal(ApiFailureKind.Transient, failure.Kind);
        Assert.Null(failure.StatusCode);
    }

    [Fact]
    public async Task CodeExchangeIsNeverRepeatedBecauseTheCodeIsSingleUse()
    {
        harness.Handler.Respond(HttpStatusCode.BadGateway, "");

        var failure = await Assert.ThrowsAsync<PipedriveOAuthException>(
            () => harness.OAuth.ExchangeCodeAsync("code-1", new Uri("https://app.example.com/cb")));

        Assert.Equal(ApiFailureKind.Transient, failure.Kind);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task RevokePostsTokenWithHint()
    {
        harness.Handler.Respond(HttpStatusCode.OK, "");

        await harness.OAuth.RevokeAsync(RefreshToken, PipedriveTokenTypeHint.RefreshToken);

        var request = harness.Handler.Single;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/oauth/revoke", request.Path);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal($"{ApiClientHarness.ClientId}:{ApiClientHarness.ClientSecret}", request.BasicCredentials);
        Assert.Equal("token=1%3A1%3A2a5496a8bdd0f829dcb09dc8ba82b188f0ea4481&token_type_hint=refresh_token", request.BodyText);
    }

    [Fact]
    public async Task RevokeOfAnAccessTokenSendsThatHint()
    {
        harness.Handler.Respond(HttpStatusCode.OK, "");

        await harness.OAuth.RevokeAsync("v1u:access", PipedriveTokenTypeHint.AccessToken);

        Assert.EndsWith("&token_type_hint=access_token", harness.Handler.Single.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecretsEchoedByTheServerNeverReachTheException()
    {
        harness.Handler.Respond(
            HttpStatusCode.BadRequest,
            $$"""{"error":"invalid_grant","error_description":"Invalid grant: {{RefreshToken}} for {{ApiClientHarness.ClientSecret}}"}""");

        var failure = await Assert.ThrowsAsync<PipedriveOAuthException>(() => harness.OAuth.RefreshAsync(RefreshToken));

        Assert.DoesNotContain(RefreshToken, failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ApiClientHarness.ClientSecret, failure.ToString(), StringComparison.Ordinal);
        Assert.Contains("Invalid grant", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokensDoNotShowSecretsInToString()
    {
        harness.Handler.Respond(HttpStatusCode.OK, TokenResponse);

        var tokens = await harness.OAuth.RefreshAsync(RefreshToken);
        var text = tokens + " " + tokens.ToConnection(8087566);

        Assert.DoesNotContain("v1u:", text, StringComparison.Ordinal);
        Assert.DoesNotContain(RefreshToken, text, StringComparison.Ordinal);
        Assert.Contains("user-company.pipedrive.com", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientAuthenticationIsBase64OfIdColonSecret()
    {
        var expected = Convert.ToBase64String(Encoding.UTF8.GetBytes("test-client-id:client-secret-7f3a9c2e"));
        harness.Handler.Respond(HttpStatusCode.OK, TokenResponse);

        await harness.OAuth.RefreshAsync(RefreshToken);

        Assert.Equal($"Basic {expected}", harness.Handler.Single.Authorization);
    }
}
