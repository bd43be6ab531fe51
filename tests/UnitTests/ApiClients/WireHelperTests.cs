using System.Text.Json;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.UnitTests.ApiClients;

public sealed class WireHelperTests
{
    [Fact]
    public void ClipCountsCodePointsAndNeverSplitsASurrogatePair()
    {
        var text = "ab😀cd";

        Assert.Equal("ab😀", MaileonLimits.Clip(text, 3));
        Assert.Equal(text, MaileonLimits.Clip(text, 5));
        Assert.Equal(255, MaileonLimits.Clip(new string('x', 300), MaileonLimits.ContactFieldLength).Length);
    }

    [Theory]
    [InlineData("2021-01-01T00:00:00Z", "2021-01-01T00:00:00+00:00")]
    [InlineData("2019-10-25T08:25:27.000Z", "2019-10-25T08:25:27+00:00")]
    [InlineData("2019-02-04 13:58:03", "2019-02-04T13:58:03+00:00")]
    [InlineData("2022-11-24T15:18:35.616+02:00", "2022-11-24T13:18:35.616+00:00")]
    public void TimestampsOfBothApiVersionsAreReadAsUtc(string text, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), JsonValues.ParseTimestamp(text));
    }

    [Fact]
    public void IdsAndFlagsAreReadInEveryShapeTheServicesUse()
    {
        using var document = JsonDocument.Parse("""{"a":7,"b":"8","c":{"value":9},"d":1,"e":"0","f":true,"g":null,"h":"x"}""");
        var root = document.RootElement;

        Assert.Equal(7, JsonValues.Int64(root, "a"));
        Assert.Equal(8, JsonValues.Int64(root, "b"));
        Assert.Equal(9, JsonValues.Int64(root, "c"));
        Assert.Null(JsonValues.Int64(root, "g"));
        Assert.Null(JsonValues.Int64(root, "h"));
        Assert.True(JsonValues.Boolean(root, "d"));
        Assert.False(JsonValues.Boolean(root, "e"));
        Assert.True(JsonValues.Boolean(root, "f"));
        Assert.Null(JsonValues.Boolean(root, "missing"));
    }

    [Fact]
    public void ScrubberMasksEverySecretAndShortensLongText()
    {
        var scrubbed = SecretScrubber.Scrub("token abc123xyz and key k3y-value " + new string('z', 600), "abc123xyz", "k3y-value", null, "");

        Assert.NotNull(scrubbed);
        Assert.StartsWith("token *** and key ***", scrubbed, StringComparison.Ordinal);
        Assert.True(scrubbed.Length <= 501);
    }

    [Fact]
    public void PathSegmentsKeepPlusAsPlus()
    {
        Assert.Equal("a%2Bb%40c.de", UrlEncoding.Encode("a+b@c.de"));
        Assert.Equal("%C3%BC%20x", UrlEncoding.Encode("ü x"));
    }
}
