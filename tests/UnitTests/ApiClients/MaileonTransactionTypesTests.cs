using System.Net;
using System.Xml.Linq;
using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.UnitTests.ApiClients;

/// <summary>Transaction types: read by name, create.</summary>
public sealed class MaileonTransactionTypesTests : MaileonClientTestBase
{
    [Fact]
    public async Task TransactionTypeIsReadByNameWithItsAttributes()
    {
        harness.Handler.Respond(HttpStatusCode.OK, MaileonExamples.TransactionType, MaileonExamples.XmlType);

        var type = await harness.MaileonTransactionTypes.GetTransactionTypeAsync(connection, "pipedrive_deal");

        Assert.Equal($"{Base}/transactions/types/pipedrive_deal", harness.Handler.Single.PathAndQuery);
        Assert.NotNull(type);
        Assert.Equal(68, type.Id);
        Assert.Equal("pipedrive_deal", type.Name);
        Assert.Equal([new MaileonTransactionAttributeSpec("deal.id", "integer", true)], type.Attributes);
    }

    [Fact]
    public async Task MissingTransactionTypeIsNull()
    {
        harness.Handler.Respond(HttpStatusCode.NotFound, "", "text/plain");

        Assert.Null(await harness.MaileonTransactionTypes.GetTransactionTypeAsync(connection, "pipedrive_deal_added"));
    }

    [Fact]
    public async Task TransactionTypeIsCreatedFromXml()
    {
        harness.Handler.Respond(HttpStatusCode.Created, "<id>68</id>", MaileonExamples.XmlType);

        var id = await harness.MaileonTransactionTypes.CreateTransactionTypeAsync(connection, new MaileonTransactionTypeDefinition(
            "pipedrive_deal_added",
            [
                new MaileonTransactionAttributeSpec("deal_id", MaileonAttributeType.Integer, true),
                new MaileonTransactionAttributeSpec("title", MaileonAttributeType.String, false),
                new MaileonTransactionAttributeSpec("timestamp", MaileonAttributeType.Timestamp, false),
            ],
            Description: "Pipedrive deal created",
            StoreOnly: false));

        var request = harness.Handler.Single;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"{Base}/transactions/types", request.PathAndQuery);
        Assert.Equal("application/vnd.maileon.api+xml; charset=utf-8", request.ContentType);
        var type = XElement.Parse(request.BodyText);
        Assert.Equal("transaction_type", type.Name.LocalName);
        Assert.Equal("pipedrive_deal_added", (string?)type.Element("name"));
        Assert.Equal("Pipedrive deal created", (string?)type.Element("description"));
        Assert.Equal("false", (string?)type.Element("storeOnly"));
        Assert.Null(type.Element("archivingDuration"));
        Assert.Equal(
            [("deal_id", "integer", "true"), ("title", "string", "false"), ("timestamp", "timestamp", "false")],
            type.Element("attributes")!.Elements("attribute")
                .Select(a => ((string)a.Element("name")!, (string)a.Element("type")!, (string)a.Element("required")!)));
        Assert.Equal(68, id);
    }
}
