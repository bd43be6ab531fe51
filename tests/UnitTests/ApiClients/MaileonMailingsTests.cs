using System.Net;
using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.UnitTests.ApiClients;

/// <summary>The mailing subject an engagement entry names, and the list of sent mailings.</summary>
public sealed class MaileonMailingsTests : MaileonClientTestBase
{
    [Fact]
    public async Task SubjectIsReadAndAMissingMailingIsNull()
    {
        harness.Handler
            .Respond(HttpStatusCode.OK, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><subject>December news &amp; offers</subject>", MaileonExamples.XmlType)
            .Respond(HttpStatusCode.NotFound, "<error><message>Mailing with id 3108 not found.</message></error>", MaileonExamples.XmlType);

        Assert.Equal("December news & offers", await harness.MaileonMailings.GetSubjectAsync(connection, 4317));
        Assert.Null(await harness.MaileonMailings.GetSubjectAsync(connection, 3108));
        Assert.Equal($"{Base}/mailings/4317/contents/subject", harness.Handler.Requests[0].PathAndQuery);
    }

    [Fact]
    public async Task MailingsByStateAskForEveryFieldNewestFirst()
    {
        // The "Get Mailings By Creator Name" example's shape (a nil scheduleTime).
        harness.Handler.Respond(HttpStatusCode.OK,
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <mailings><mailing><id>4</id><fields><field><name>name</name><value>DOI Entwurf</value></field>
            <field><name>state</name><value>released</value></field><field><name>type</name><value>doi</value></field>
            <field><name>scheduleTime</name><value nil="true"/></field></fields></mailing></mailings>
            """,
            MaileonExamples.XmlType);

        var mailings = await harness.MaileonMailings.ListByStatesAsync(connection, ["done", "released"], pageSize: 10);

        Assert.Equal(
            $"{Base}/mailings/filter/states?page_index=1&page_size=10&states=done&states=released&fields=name&fields=state&fields=type&fields=scheduleTime&order=DESC",
            harness.Handler.Single.PathAndQuery);
        Assert.Equal(new MaileonMailing(4, "DOI Entwurf", "released", "doi", null), Assert.Single(mailings));
    }
}
