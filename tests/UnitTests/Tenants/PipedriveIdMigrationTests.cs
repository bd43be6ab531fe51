using System.Net;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Tenants;
using PipedriveMaileon.UnitTests.ApiClients;

namespace PipedriveMaileon.UnitTests.Tenants;

public sealed class PipedriveIdMigrationTests : IDisposable
{
    private readonly ApiClientHarness harness = new();
    private readonly MaileonConnection connection = new(123, "a1b2c3d4-e5f6-7890-abcd-ef1234567890");

    [Fact]
    public async Task Only_this_tenants_own_contacts_still_holding_a_person_id_are_moved_to_the_company_id()
    {
        harness.Handler.Respond(request => request.Method == HttpMethod.Get
            ? StubHttpHandler.Build(HttpStatusCode.OK, """
                <contacts>
                  <contact><id>1</id><email>old@example.com</email><external_id>pd-123-456</external_id><permission>4</permission>
                    <custom_fields><field><name>pipedriveId</name><value>456</value></field></custom_fields></contact>
                  <contact><id>2</id><email>done@example.com</email><external_id>pd-123-457</external_id><permission>4</permission>
                    <custom_fields><field><name>pipedriveId</name><value>123</value></field></custom_fields></contact>
                  <contact><id>3</id><email>other-tenant@example.com</email><external_id>pd-999-456</external_id><permission>4</permission>
                    <custom_fields><field><name>pipedriveId</name><value>456</value></field></custom_fields></contact>
                  <contact><id>4</id><email>shop@example.com</email><external_id>shop-77</external_id><permission>2</permission>
                    <custom_fields><field><name>pipedriveId</name><value>5</value></field></custom_fields></contact>
                </contacts>
                """, MaileonExamples.XmlType, ("X-Items", "4"), ("X-Pages", "1"))
            : StubHttpHandler.Build(HttpStatusCode.Created, "", "text/plain"));

        var (next, migrated, done) = await new PipedriveIdMigration(harness.MaileonContacts).RunAsync(connection, 123, 1, CancellationToken.None);

        Assert.Equal((2, 1, true), (next, migrated, done));
        var update = Assert.Single(harness.Handler.Requests, r => r.Method == HttpMethod.Post);
        Assert.Contains("/contacts/email/old%40example.com", update.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("<name>pipedriveId</name><value>123</value>", update.BodyText.Replace("<![CDATA[", "", StringComparison.Ordinal).Replace("]]>", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("external_id", update.BodyText, StringComparison.Ordinal);
        Assert.Contains("custom_field=pipedriveId", Assert.Single(harness.Handler.Requests, r => r.Method == HttpMethod.Get).PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_large_account_is_read_a_few_pages_per_run_and_continued_where_it_stopped()
    {
        harness.Handler.Respond(_ => StubHttpHandler.Build(HttpStatusCode.OK, "<contacts/>", MaileonExamples.XmlType, ("X-Items", "50000"), ("X-Pages", "100")));

        var (next, migrated, done) = await new PipedriveIdMigration(harness.MaileonContacts).RunAsync(connection, 123, 31, CancellationToken.None);

        Assert.Equal((31 + PipedriveIdMigration.PagesPerRun, 0, false), (next, migrated, done));
        Assert.Equal(PipedriveIdMigration.PagesPerRun, harness.Handler.Requests.Count);
        Assert.Contains("page_index=31", harness.Handler.Requests[0].PathAndQuery, StringComparison.Ordinal);
    }

    public void Dispose() => harness.Dispose();
}
