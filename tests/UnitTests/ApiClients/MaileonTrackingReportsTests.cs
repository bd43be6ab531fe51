using System.Net;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.UnitTests.ApiClients;

/// <summary>
/// The opens, clicks and bounces reports: the documented parameters (epoch-millisecond window, repeated
/// <c>mailing_id</c>, <c>exclude_anonymous_*</c>) and the fields of the official client's models.
/// </summary>
public sealed class MaileonTrackingReportsTests : MaileonClientTestBase
{
    private static readonly DateTimeOffset From = DateTimeOffset.FromUnixTimeMilliseconds(1748300000000);
    private static readonly DateTimeOffset To = DateTimeOffset.FromUnixTimeMilliseconds(1748400000000);

    [Fact]
    public async Task OpensAreReadPerWindowAndMailingWithPersonalAndAnonymousRows()
    {
        harness.Handler.Respond(
            HttpStatusCode.OK,
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <opens>
              <open><contact><id>15975220</id><email>max@example.com</email><external_id>pd-8087566-456</external_id></contact>
                <mailing_id>4317</mailing_id><timestamp>2025-05-27 06:54:41</timestamp><msg_id>3100001</msg_id><format>html</format><device_type>MOBILE</device_type></open>
              <open><contact anonymous="true" /><mailing_id>4317</mailing_id><timestamp>2025-05-27 06:55:00</timestamp><msg_id>3100002</msg_id></open>
            </opens>
            """,
            MaileonExamples.XmlType,
            ("X-Items", "2"),
            ("X-Pages", "3"));

        var page = await harness.MaileonTrackingReports.GetOpensAsync(connection, new MaileonTrackingQuery(From, To, [4317, 4318], PageIndex: 2, PageSize: 2, ExcludeAnonymous: false));

        Assert.Equal(
            $"{Base}/reports/opens?page_index=2&page_size=2&from_date=1748300000000&to_date=1748400000000&mailing_id=4317&mailing_id=4318&exclude_anonymous_opens=false",
            harness.Handler.Single.PathAndQuery);
        Assert.Equal(MaileonExamples.XmlType, harness.Handler.Single.Accept);
        Assert.Equal(
            new MaileonTrackingEvent(MaileonTrackingKind.Open, new DateTimeOffset(2025, 5, 27, 6, 54, 41, TimeSpan.Zero), 15975220, "max@example.com", "pd-8087566-456", false, 4317, 3100001),
            page.Items[0]);
        Assert.True(page.Items[1].Anonymous);
        Assert.Null(page.Items[1].ContactId);
        Assert.Null(page.Items[1].Email);
        Assert.True(page.HasMore(2));
    }

    [Fact]
    public async Task ClicksCarryTheLinkAndBouncesTheirType()
    {
        harness.Handler
            .Respond(HttpStatusCode.OK,
                "<clicks><click><contact><id>7</id><email>a@example.com</email><external_id></external_id></contact><mailing_id>9</mailing_id>"
                + "<timestamp>2025-05-27 06:54:41</timestamp><link_id>701</link_id><link_url>https://shop.example/pricing</link_url><msg_id>5</msg_id></click></clicks>",
                MaileonExamples.XmlType)
            .Respond(HttpStatusCode.OK,
                "<bounces><bounce><contact><id>8</id><email>b@example.com</email><external_id>pd-1-2</external_id></contact><mailing_id>9</mailing_id>"
                + "<timestamp>2025-05-27 06:54:41</timestamp><type>permanent</type><status_code>5.1.1</status_code><source>mta-listener</source><msg_id>6</msg_id></bounce></bounces>",
                MaileonExamples.XmlType);

        var clicks = await harness.MaileonTrackingReports.GetClicksAsync(connection, new MaileonTrackingQuery(From));
        var bounces = await harness.MaileonTrackingReports.GetBouncesAsync(connection, new MaileonTrackingQuery(From, BounceType: "permanent"));

        Assert.Equal($"{Base}/reports/clicks?page_index=1&page_size=1000&from_date=1748300000000&exclude_anonymous_clicks=true", harness.Handler.Requests[0].PathAndQuery);
        Assert.Equal($"{Base}/reports/bounces?page_index=1&page_size=1000&from_date=1748300000000&exclude_anonymous_bounces=true&type=permanent", harness.Handler.Requests[1].PathAndQuery);
        var click = Assert.Single(clicks.Items);
        Assert.Equal((701L, "https://shop.example/pricing"), (click.LinkId!.Value, click.LinkUrl!));
        Assert.Null(click.ExternalId);
        var bounce = Assert.Single(bounces.Items);
        Assert.True(bounce.IsHardBounce);
        Assert.Equal("5.1.1", bounce.StatusCode);
        Assert.Equal("pd-1-2", bounce.ExternalId);
        Assert.False(bounces.HasMore(1000));
    }

    [Fact]
    public async Task AnEmptyReportIsNoRowsAndABadKeyIsUnauthorized()
    {
        harness.Handler
            .Respond(HttpStatusCode.OK, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><opens />", MaileonExamples.XmlType)
            .Respond(HttpStatusCode.Unauthorized, "<error><message>Unauthorized: the API key is invalid.</message></error>", MaileonExamples.XmlType);

        Assert.Empty((await harness.MaileonTrackingReports.GetOpensAsync(connection, new MaileonTrackingQuery(From))).Items);
        var failure = await Assert.ThrowsAsync<MaileonApiException>(() => harness.MaileonTrackingReports.GetOpensAsync(connection, new MaileonTrackingQuery(From)));
        Assert.Equal(ApiFailureKind.Unauthorized, failure.Kind);
        Assert.Equal("GetOpens", failure.Operation);
    }
}
