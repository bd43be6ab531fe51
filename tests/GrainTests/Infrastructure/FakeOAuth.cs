using System.Net;
using System.Text;

namespace PipedriveMaileon.GrainTests.Infrastructure;

/// <summary>Pipedrive's <c>/oauth/token</c> as the test silo's OAuth client sees it: counts refreshes, can refuse the grant.</summary>
public sealed class FakeOAuth : HttpMessageHandler
{
    private int refreshes;

    public int Refreshes => Volatile.Read(ref refreshes);

    /// <summary>Answer 400 invalid_grant: the refresh token is dead (the admin removed the app's access).</summary>
    public bool RejectGrant { get; set; }

    /// <summary>The <c>api_domain</c> a refresh answers with.</summary>
    public string ApiDomain { get; set; } = DefaultApiDomain;

    public const string DefaultApiDomain = "https://acme.pipedrive.com";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var form = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        if (request.RequestUri!.AbsolutePath != "/oauth/token" || !form.Contains("grant_type=refresh_token", StringComparison.Ordinal))
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        var count = Interlocked.Increment(ref refreshes);
        // Slow enough that concurrent callers arrive while the first refresh is in progress.
        await Task.Delay(200, cancellationToken);
        return RejectGrant
            ? Json(HttpStatusCode.BadRequest, """{"error":"invalid_grant","error_description":"Invalid grant: refresh token is invalid"}""")
            : Json(HttpStatusCode.OK, $$"""{"access_token":"fresh-access-{{count}}","refresh_token":"fresh-refresh-{{count}}","token_type":"Bearer","expires_in":3599,"scope":"base","api_domain":"{{ApiDomain}}"}""");
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
