using System.Net;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Pipedrive;

namespace PipedriveMaileon.UnitTests.ApiClients;

/// <summary>Which <c>api_domain</c> values a token response may carry, and what happens to one that is refused.</summary>
public sealed class PipedriveApiHostsTests : IDisposable
{
    private readonly ApiClientHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Theory]
    [InlineData("https://acme.pipedrive.com")]
    [InlineData("https://acme.pipedrive.com/")]
    [InlineData("https://ACME.Pipedrive.com")]
    [InlineData("https://pipedrive.com")]
    [InlineData("https://eu.acme.pipedrive.com:443")]
    public void Pipedrive_hosts_over_https_are_accepted_by_default(string apiDomain)
    {
        Assert.NotNull(new PipedriveApiHosts([]).Accept(apiDomain, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("http://acme.pipedrive.com", "not https")]
    [InlineData("https://evil.example", "not an allowed")]
    [InlineData("https://evilpipedrive.com", "not an allowed")]
    [InlineData("https://acme.pipedrive.com.evil.example", "not an allowed")]
    [InlineData("https://user:pw@acme.pipedrive.com", "more than")]
    [InlineData("https://acme.pipedrive.com/api", "more than")]
    [InlineData("https://acme.pipedrive.com/?x=1", "more than")]
    [InlineData("ftp://acme.pipedrive.com", "not an http(s)")]
    [InlineData("acme.pipedrive.com", "not an http(s)")]
    [InlineData("http://127.0.0.1:5101", "not an allowed")]
    public void Anything_else_is_refused_with_a_reason(string apiDomain, string reason)
    {
        Assert.Null(new PipedriveApiHosts([]).Accept(apiDomain, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_list_widens_the_hosts_and_http_stays_limited_to_loopback_outside_development()
    {
        var sandbox = new PipedriveApiHosts(["127.0.0.1", "localhost", "sandbox", "*.pipedrive.com"]);

        Assert.NotNull(sandbox.Accept("http://127.0.0.1:5101", out _));
        Assert.NotNull(sandbox.Accept("http://localhost:5101", out _));
        Assert.NotNull(sandbox.Accept("https://sandbox", out _));
        Assert.Null(sandbox.Accept("http://sandbox:5101", out _));
        Assert.Null(sandbox.Accept("https://127.0.0.2", out _));
        Assert.NotNull(new PipedriveApiHosts(["sandbox"], httpToAnyAllowedHost: true).Accept("http://sandbox:5101", out _));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("*.com")]
    [InlineData("a.*.pipedrive.com")]
    [InlineData("https://acme.pipedrive.com")]
    [InlineData("*.")]
    public void Patterns_that_are_no_host_or_a_whole_top_level_domain_are_refused(string pattern)
    {
        Assert.NotNull(PipedriveApiHosts.Problem(pattern));
        Assert.Throws<ArgumentException>(() => new PipedriveApiHosts([pattern]));
    }

    [Theory]
    [InlineData("http://attacker.example")]
    [InlineData("https://attacker.example")]
    [InlineData("http://acme.pipedrive.com")]
    public async Task A_token_response_naming_another_host_is_refused_and_its_tokens_never_returned(string apiDomain)
    {
        harness.Handler.Respond(HttpStatusCode.OK, $$"""
            {"access_token":"v1u:access","token_type":"Bearer","expires_in":3599,"refresh_token":"1:1:refresh","scope":"base","api_domain":"{{apiDomain}}"}
            """);

        var failure = await Assert.ThrowsAsync<PipedriveOAuthException>(() => harness.OAuth.RefreshAsync("1:1:refresh"));

        Assert.Equal(ApiFailureKind.Rejected, failure.Kind);
        Assert.Equal(PipedriveOAuthClient.ForeignApiDomain, failure.ErrorCode);
        Assert.False(failure.RequiresReauthorization);
        Assert.DoesNotContain("v1u:access", failure.ToString(), StringComparison.Ordinal);
        Assert.Single(harness.Handler.Requests);
        Assert.All(harness.Handler.Requests, r => Assert.Equal("127.0.0.1", r.Uri.Host));
    }

    [Theory]
    [InlineData("http://oauth.example.com", false)]
    [InlineData("http://127.0.0.1:5101", true)]
    [InlineData("http://localhost:5101", true)]
    [InlineData("https://oauth.example.com", true)]
    public void The_oauth_server_must_be_https_unless_it_is_on_this_machine(string oauthBase, bool starts)
    {
        var start = () =>
        {
            using var harness = new ApiClientHarness(new Dictionary<string, string?> { ["Pipedrive:OAuthBaseUrl"] = oauthBase });
            return harness.OAuth;
        };

        if (starts)
        {
            Assert.NotNull(start());
        }
        else
        {
            Assert.Contains("must be https", Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(start).Message, StringComparison.Ordinal);
        }
    }
}
