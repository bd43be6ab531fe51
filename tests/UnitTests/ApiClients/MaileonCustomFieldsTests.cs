using System.Net;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.UnitTests.ApiClients;

/// <summary>Custom contact fields: list, create, an existing name, error bodies and retried reads.</summary>
public sealed class MaileonCustomFieldsTests : MaileonClientTestBase
{
    [Fact]
    public async Task CustomFieldsAreListedFromXml()
    {
        harness.Handler.Respond(HttpStatusCode.OK, MaileonExamples.CustomFields, MaileonExamples.XmlType);

        var fields = await harness.MaileonCustomFields.ListCustomFieldsAsync(connection);

        Assert.Equal($"{Base}/contacts/fields/custom", harness.Handler.Single.PathAndQuery);
        Assert.Equal([new MaileonCustomField("pipedrive_person_id", "integer"), new MaileonCustomField("Magento_NL", "boolean")], fields);
        Assert.True(fields[0].HasType(MaileonCustomFieldType.Integer));
    }

    [Fact]
    public async Task CreateCustomFieldPostsNameAndType()
    {
        harness.Handler.Respond(HttpStatusCode.Created, "", "text/plain");

        var field = await harness.MaileonCustomFields.CreateCustomFieldAsync(connection, "owner_email", MaileonCustomFieldType.String);

        var request = harness.Handler.Single;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"{Base}/contacts/fields/custom/owner_email?type=string", request.PathAndQuery);
        Assert.Equal(new MaileonCustomField("owner_email", "string"), field);
    }

    [Fact]
    public async Task CreatingAnExistingCustomFieldReturnsTheExistingDefinition()
    {
        harness.Handler
            .Respond(HttpStatusCode.Conflict, "<error><message>custom field already exists</message></error>", MaileonExamples.XmlType)
            .Respond(HttpStatusCode.OK, MaileonExamples.CustomFields, MaileonExamples.XmlType);

        var field = await harness.MaileonCustomFields.CreateCustomFieldAsync(connection, "pipedrive_person_id", MaileonCustomFieldType.Integer);

        Assert.Equal(new MaileonCustomField("pipedrive_person_id", "integer"), field);
        Assert.Equal([HttpMethod.Post, HttpMethod.Get], harness.Handler.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task ConflictForAFieldThatIsNotThereIsAFailure()
    {
        harness.Handler
            .Respond(HttpStatusCode.Conflict, "<error><message>name clashes with a standard field</message></error>", MaileonExamples.XmlType)
            .Respond(HttpStatusCode.OK, MaileonExamples.CustomFields, MaileonExamples.XmlType);

        var failure = await Assert.ThrowsAsync<MaileonApiException>(
            () => harness.MaileonCustomFields.CreateCustomFieldAsync(connection, "FIRSTNAME", MaileonCustomFieldType.String));

        Assert.Equal(ApiFailureKind.Conflict, failure.Kind);
        Assert.Equal("name clashes with a standard field", failure.ServerMessage);
    }

    [Fact]
    public async Task PlainTextErrorBodiesAreTheMessage()
    {
        harness.Handler.Respond(HttpStatusCode.NotFound, "Mailing with id 3108 not found.", "text/plain");

        var failure = await Assert.ThrowsAsync<MaileonApiException>(() => harness.MaileonCustomFields.ListCustomFieldsAsync(connection));

        Assert.Equal("Mailing with id 3108 not found.", failure.ServerMessage);
    }

    [Fact]
    public async Task ServerErrorOnAReadIsRetriedThenSucceeds()
    {
        harness.Handler
            .Respond(HttpStatusCode.InternalServerError, "", "text/plain")
            .Respond(HttpStatusCode.OK, MaileonExamples.CustomFields, MaileonExamples.XmlType);

        var fields = await harness.MaileonCustomFields.ListCustomFieldsAsync(connection);

        Assert.Equal(2, fields.Count);
        Assert.Equal(2, harness.Handler.Requests.Count);
    }
}
