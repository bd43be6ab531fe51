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
        _harness.Handler.Respond(HttpStatusCode.OK, MaileonExamples.CustomFields, MaileonExamples.XmlType);

        var fields = await _harness.MaileonCustomFields.ListCustomFieldsAsync(_connection);

        Assert.Equal($"{Base}/contacts/fields/custom", _harness.Handler.Single.PathAndQuery);
        Assert.Equal([new MaileonCustomField("pipedrive_person_id", "integer"), new MaileonCustomField("Magento_NL", "boolean")], fields);
        Assert.True(fields[0].HasType(MaileonCustomFieldType.Integer));
    }

    [Fact]
    public async Task CreateCustomFieldPostsNameAndType()
    {
        _harness.Handler.Respond(HttpStatusCode.Created, "", "text/plain");

        var field = await _harness.MaileonCustomFields.CreateCustomFieldAsync(_connection, "owner_email", MaileonCustomFieldType.String);

        var request = _harness.Handler.Single;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"{Base}/contacts/fields/custom/owner_email?type=string", request.PathAndQuery);
        Assert.Equal(new MaileonCustomField("owner_email", "string"), field);
    }

    [Fact]
    public async Task CreatingAnExistingCustomFieldReturnsTheExistingDefinition()
    {
        _harness.Handler
            .Respond(HttpStatusCode.Conflict, "<error><message>custom field already exists</message></error>", MaileonExamples.XmlType)
            .Respond(HttpStatusCode.OK, MaileonExamples.CustomFields, MaileonExamples.XmlType);

        var field = await _harness.MaileonCustomFields.CreateCustomFieldAsync(_connection, "pipedrive_person_id", MaileonCustomFieldType.Integer);

        Assert.Equal(new MaileonCustomField("pipedrive_person_id", "integer"), field);
        Assert.Equal([HttpMethod.Post, HttpMethod.Get], _harness.Handler.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task ConflictForAFieldThatIsNotThereIsAFailure()
    {
        _harness.Handler
            .Respond(HttpStatusCode.Conflict, "<error><message>name clashes with a standard field</message></error>", MaileonExamples.XmlType)
            .Respond(HttpStatusCode.OK, MaileonExamples.CustomFields, MaileonExamples.XmlType);

        var failure = await Assert.ThrowsAsync<MaileonApiException>(
            () => _harness.MaileonCustomFields.CreateCustomFieldAsync(_connection, "FIRSTNAME", MaileonCustomFieldType.String));

        Assert.Equal(ApiFailureKind.Conflict, failure.Kind);
        Assert.Equal("name clashes with a standard field", failure.ServerMessage);
    }

    [Fact]
    public async Task PlainTextErrorBodiesAreTheMessage()
    {
        _harness.Handler.Respond(HttpStatusCode.NotFound, "Mailing with id 3108 not found.", "text/plain");

        var failure = await Assert.ThrowsAsync<MaileonApiException>(() => _harness.MaileonCustomFields.ListCustomFieldsAsync(_connection));

        Assert.Equal("Mailing with id 3108 not found.", failure.ServerMessage);
    }

    [Fact]
    public async Task ServerErrorOnAReadIsRetriedThenSucceeds()
    {
        _harness.Handler
            .Respond(HttpStatusCode.InternalServerError, "", "text/plain")
            .Respond(HttpStatusCode.OK, MaileonExamples.CustomFields, MaileonExamples.XmlType);

        var fields = await _harness.MaileonCustomFields.ListCustomFieldsAsync(_connection);

        Assert.Equal(2, fields.Count);
        Assert.Equal(2, _harness.Handler.Requests.Count);
    }
}
