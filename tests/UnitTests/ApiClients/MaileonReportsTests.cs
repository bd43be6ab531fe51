using System.Net;
using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.UnitTests.ApiClients;

/// <summary>The unsubscription report reconciliation reads.</summary>
public sealed class MaileonReportsTests : MaileonClientTestBase
{
    [Fact]
    public async Task UnsubscriptionsReportIsPagedByTimeWindow()
    {
        harness.Handler.Respond(
            HttpStatusCode.OK,
            """
            <unsubscriptions>
              <unsubscription>
                <timestamp>2025-05-27 06:54:41</timestamp>
                <contact><id>15975220</id><email>max@example.com</email><external_id>pd-8087566-456</external_id></contact>
                <mailing_id>3108</mailing_id>
                <source>link</source>
              </unsubscription>
              <unsubscription>
                <timestamp>1748329200000</timestamp>
                <contact anonymous="true"><id>15975221</id></contact>
                <source>api</source>
              </unsubscription>
            </unsubscriptions>
            """,
            MaileonExamples.XmlType,
            ("X-Items", "2"),
            ("X-Pages", "1"));
        var from = DateTimeOffset.FromUnixTimeMilliseconds(1748300000000);
        var to = DateTimeOffset.FromUnixTimeMilliseconds(1748400000000);

        var page = await harness.MaileonReports.GetUnsubscriptionsAsync(connection, from, to, pageIndex: 1, pageSize: 500);

        Assert.Equal(
            $"{Base}/reports/unsubscriptions?page_index=1&page_size=500&from_date=1748300000000&to_date=1748400000000",
            harness.Handler.Single.PathAndQuery);
        Assert.Equal(MaileonExamples.XmlType, harness.Handler.Single.Accept);
        Assert.Equal(2, page.Items.Count);
        // The documented "yyyy-mm-dd hh:mm:ss" (read as UTC), and epoch milliseconds, which are read too.
        Assert.Equal(
            new MaileonUnsubscription(new DateTimeOffset(2025, 5, 27, 6, 54, 41, TimeSpan.Zero), 15975220, "max@example.com", "pd-8087566-456", 3108, "link"),
            page.Items[0]);
        Assert.Equal(new DateTimeOffset(2025, 5, 27, 7, 0, 0, TimeSpan.Zero), page.Items[1].Timestamp);
        Assert.Null(page.Items[1].Email);
        Assert.Equal(2, page.TotalItems);
        Assert.Equal(1, page.TotalPages);
        Assert.False(page.HasMore(500));
    }
}
