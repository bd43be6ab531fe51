using PipedriveMaileon.Sandbox.Common;

namespace PipedriveMaileon.Sandbox.Tests.Common;

/// <summary>In compose, calls to the app's public origin must reach the web service's internal address instead.</summary>
public sealed class AppAddressRewriterTests
{
    private static readonly Uri PublicUrl = new("http://localhost:5000/pipedrive/callback");
    private static readonly Uri Internal = new("http://web:8080");

    [Fact]
    public void A_webhook_to_the_public_origin_goes_to_the_internal_address_with_path_and_query_kept()
    {
        var rewritten = AppAddressRewriter.Rewrite(new Uri("http://localhost:5000/webhooks/maileon/7/doi?token=a%2Bb"), PublicUrl, Internal);

        Assert.Equal("http://web:8080/webhooks/maileon/7/doi?token=a%2Bb", rewritten.AbsoluteUri);
    }

    [Theory]
    [InlineData("http://localhost:5001/webhooks/pipedrive/7")]
    [InlineData("https://localhost:5000/webhooks/pipedrive/7")]
    [InlineData("http://example.com:5000/webhooks/pipedrive/7")]
    public void Other_origins_are_left_alone(string url)
    {
        Assert.Equal(new Uri(url), AppAddressRewriter.Rewrite(new Uri(url), PublicUrl, Internal));
    }
}
