using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.UnitTests.ApiClients;

public sealed class MaileonClientTests : IDisposable
{
    private const string ApiKey = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
    private const string Base = "/1.0";

    private readonly ApiClientHarness _harness = new();
    private readonly MaileonConnection _connection = new(8087566, ApiKey);

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task PingSendsTheKeyAsBasicWithoutColon()
    {
        _harness.Handler.Respond(HttpStatusCode.OK, "");

        var result = await _harness.Maileon.PingAsync(_connection, HttpMethod.Get);

        var request = _harness.Handler.Single;
        Assert.Equal(MaileonPingResult.Ok, result);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("http://127.0.0.1:5102/1.0/ping", request.Uri.AbsoluteUri);
        Assert.Equal($"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes(ApiKey))}", request.Authorization);
        Assert.Equal(ApiKey, request.BasicCredentials);
    }

    [Fact]
    public async Task KeyCheckPingsEveryMethodTheAppUses()
    {
        _harness.Handler.Respond(HttpStatusCode.OK, "");

        var check = await _harness.Maileon.CheckApiKeyAsync(_connection);

        Assert.Equal(MaileonApiKeyStatus.Valid, check.Status);
        Assert.True(check.IsValid);
        Assert.Empty(check.MissingPrivileges);
        Assert.Equal(["GET", "POST", "PUT", "DELETE"], _harness.Handler.Requests.Select(r => r.Method.Method));
        Assert.All(_harness.Handler.Requests, r => Assert.Equal($"{Base}/ping", r.Path));
    }

    [Fact]
    public async Task KeyCheckReportsAnInvalidOrExpiredKeyOnTheFirst401()
    {
        _harness.Handler.Respond(HttpStatusCode.Unauthorized, "");

        var check = await _harness.Maileon.CheckApiKeyAsync(_connection);

        Assert.Equal(MaileonApiKeyStatus.Invalid, check.Status);
        Assert.Single(_harness.Handler.Requests);
    }

    [Fact]
    public async Task KeyCheckNamesTheMethodsTheKeyMayNotUse()
    {
        _harness.Handler.Respond(request => request.Method == HttpMethod.Delete || request.Method == HttpMethod.Put
            ? StubHttpHandler.Build(HttpStatusCode.Forbidden, "", "text/plain")
            : StubHttpHandler.Build(HttpStatusCode.OK, "", "text/plain"));

        var check = await _harness.Maileon.CheckApiKeyAsync(_connection);

        Assert.Equal(MaileonApiKeyStatus.MissingPrivileges, check.Status);
        Assert.Equal(["PUT", "DELETE"], check.MissingPrivileges);
    }

    [Theory]
    [InlineData("a1b2c3d4-e5f")]
    [InlineData(" a1b2c3d4-e5f6-7890-abcd-ef1234567890")]
    [InlineData("short")]
    public async Task KeyCheckRecognisesTruncatedOrPaddedKeysWithoutCallingMaileon(string key)
    {
        var check = await _harness.Maileon.CheckApiKeyAsync(new MaileonConnection(1, key.Length == 12 ? key[..11] : key));

        Assert.Equal(MaileonApiKeyStatus.Malformed, check.Status);
        Assert.Empty(_harness.Handler.Requests);
    }

    [Fact]
    public async Task KeyCheckDoesNotMistakeAnOutageForABadKey()
    {
        _harness.Handler.Respond(HttpStatusCode.BadGateway, "", "text/html");

        var failure = await Assert.ThrowsAsync<MaileonApiException>(() => _harness.Maileon.CheckApiKeyAsync(_connection));

        Assert.True(failure.IsTransient);
    }

    [Fact]
    public async Task AccountInfoIsReadAsJson()
    {
        _harness.Handler.Respond(HttpStatusCode.OK, MaileonExamples.AccountInfo);

        var info = await _harness.Maileon.GetAccountInfoAsync(_connection);

        var request = _harness.Handler.Single;
        Assert.Equal($"{Base}/account/info", request.Path);
        Assert.Equal("application/json", request.Accept);
        Assert.Equal(12345, info.Id);
        Assert.Equal("Test NL Account", info.Name);
        Assert.Equal(234, info.CustomerAccountId);
        Assert.Equal("Test Customer", info.CustomerAccountName);
        Assert.Equal("test.maileon.de", info.MailingDomain);
        Assert.Equal("production", info.Type);
        Assert.Equal(new DateTimeOffset(2020, 7, 6, 9, 41, 0, TimeSpan.FromHours(2)), info.Created);
    }

    [Fact]
    public async Task UpsertWithDoubleOptInSendsTheDocumentedQueryAndXmlBody()
    {
        _harness.Handler.Respond(HttpStatusCode.Created, "<id>15975220</id>", MaileonExamples.XmlType);

        var id = await _harness.Maileon.UpsertContactAsync(
            _connection,
            "max+news@example.com",
            new MaileonContactData(
                "pd-123-456",
                new Dictionary<string, string?> { ["FIRSTNAME"] = "Max", ["LASTNAME"] = "Mustermann & Söhne", ["ORGANIZATION"] = null },
                new Dictionary<string, string?> { ["pipedriveId"] = "456", ["createdByPipedrive"] = "true" }),
            new MaileonUpsertOptions(
                MaileonPermissionLevel.None, StartDoubleOptIn: true, DoiPlus: false, DoiMailingKey: "a1b2c3", Source: "Pipedrive App", SubscriptionPage: "pipedrive/person 456"));

        var request = _harness.Handler.Single;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(
            $"{Base}/contacts/email/max%2Bnews%40example.com?permission=1&sync_mode=1&doi=true&doiplus=false&doimailing=a1b2c3" +
            "&src=Pipedrive%20App&subscription_page=pipedrive%2Fperson%20456",
            request.PathAndQuery);
        Assert.Equal("application/vnd.maileon.api+xml; charset=utf-8", request.ContentType);
        Assert.Equal(MaileonExamples.XmlType, request.Accept);
        Assert.Contains("<![CDATA[Max]]>", request.BodyText, StringComparison.Ordinal);
        var contact = XElement.Parse(request.BodyText);
        Assert.Equal("contact", contact.Name.LocalName);
        Assert.Null(contact.Element("email"));
        Assert.Equal("pd-123-456", (string?)contact.Element("external_id"));
        Assert.Equal(
            [("FIRSTNAME", "Max"), ("LASTNAME", "Mustermann & Söhne")],
            contact.Element("standard_fields")!.Elements("field").Select(f => ((string)f.Element("name")!, (string)f.Element("value")!)));
        Assert.Equal(
            [("pipedriveId", "456"), ("createdByPipedrive", "true")],
            contact.Element("custom_fields")!.Elements("field").Select(f => ((string)f.Element("name")!, (string)f.Element("value")!)));
        Assert.Equal(15975220, id);
    }

    [Fact]
    public async Task UpsertEncodesUnicodeEmailsAndClipsLongValues()
    {
        _harness.Handler.Respond(HttpStatusCode.Created, "<id>1</id>", MaileonExamples.XmlType);
        var longName = string.Concat(Enumerable.Repeat("😀", 300));

        await _harness.Maileon.UpsertContactAsync(
            _connection,
            "jörg.müller@exämple.de",
            new MaileonContactData(null, new Dictionary<string, string?> { ["FIRSTNAME"] = longName }, new Dictionary<string, string?>()),
            new MaileonUpsertOptions());

        var request = _harness.Handler.Single;
        Assert.StartsWith($"{Base}/contacts/email/j%C3%B6rg.m%C3%BCller%40ex%C3%A4mple.de?permission=1&sync_mode=1&doi=false&doiplus=false", request.PathAndQuery, StringComparison.Ordinal);
        var value = (string)XElement.Parse(request.BodyText).Element("standard_fields")!.Element("field")!.Element("value")!;
        Assert.Equal(255, value.EnumerateRunes().Count());
        Assert.Null(XElement.Parse(request.BodyText).Element("external_id"));
    }

    [Fact]
    public async Task UpsertThatStartsADoubleOptInIsNeverRepeated()
    {
        _harness.Handler.Respond(HttpStatusCode.ServiceUnavailable, "", "text/plain");

        var failure = await Assert.ThrowsAsync<MaileonApiException>(() => _harness.Maileon.UpsertContactAsync(
            _connection, "max@example.com", EmptyContact(), new MaileonUpsertOptions(StartDoubleOptIn: true)));

        Assert.Equal(ApiFailureKind.Transient, failure.Kind);
        Assert.Single(_harness.Handler.Requests);
    }

    [Fact]
    public async Task UpsertWithoutDoubleOptInIsRepeatedAfterAServerError()
    {
        _harness.Handler
            .Respond(HttpStatusCode.InternalServerError, "", "text/plain")
            .Respond(HttpStatusCode.Created, "<id>7</id>", MaileonExamples.XmlType);

        var id = await _harness.Maileon.UpsertContactAsync(_connection, "max@example.com", EmptyContact(), new MaileonUpsertOptions());

        Assert.Equal(7, id);
        Assert.Equal(2, _harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task GetContactAsksForFieldsAndParsesTheDocumentedXml()
    {
        _harness.Handler.Respond(HttpStatusCode.OK, MaileonExamples.Contact, MaileonExamples.XmlType);

        var contact = await _harness.Maileon.GetContactAsync(
            _connection, "max.mustermann@xqueue.com", ["FIRSTNAME", "LASTNAME"], ["pipedriveId"]);

        Assert.Equal(
            $"{Base}/contacts/email/max.mustermann%40xqueue.com?standard_field=FIRSTNAME&standard_field=LASTNAME&custom_field=pipedriveId",
            _harness.Handler.Single.PathAndQuery);
        Assert.NotNull(contact);
        Assert.Equal(15975220, contact.Id);
        Assert.Equal("max.mustermann@xqueue.com", contact.Email);
        Assert.Null(contact.ExternalId);
        Assert.Equal(MaileonPermissionLevel.DoubleOptIn, contact.Permission);
        Assert.True(contact.HasConfirmedDoubleOptIn);
        Assert.Equal(new DateTime(2015, 8, 4, 13, 12, 46), contact.Created);
        Assert.Equal("Max", contact.StandardFields["FIRSTNAME"]);
        Assert.True(contact.StandardFields.ContainsKey("LASTNAME"));
        Assert.Null(contact.StandardFields["LASTNAME"]);
        Assert.Empty(contact.CustomFields);
    }

    [Fact]
    public async Task GetContactTurns404IntoNull()
    {
        _harness.Handler.Respond(HttpStatusCode.NotFound, "", "text/plain");

        Assert.Null(await _harness.Maileon.GetContactAsync(_connection, "gone@example.com"));
        Assert.Equal($"{Base}/contacts/email/gone%40example.com", _harness.Handler.Single.PathAndQuery);
    }

    [Fact]
    public async Task UnsubscribeDeletesByEmailAndTreatsAMissingContactAsDone()
    {
        _harness.Handler
            .Respond(HttpStatusCode.NoContent, "", "text/plain")
            .Respond(HttpStatusCode.NotFound, "", "text/plain");

        var first = await _harness.Maileon.UnsubscribeAsync(_connection, "max+news@example.com");
        var second = await _harness.Maileon.UnsubscribeAsync(_connection, "max+news@example.com");

        Assert.Equal(MaileonUnsubscribeResult.Unsubscribed, first);
        Assert.Equal(MaileonUnsubscribeResult.NotFound, second);
        Assert.All(_harness.Handler.Requests, r =>
        {
            Assert.Equal(HttpMethod.Delete, r.Method);
            Assert.Equal($"{Base}/contacts/email/max%2Bnews%40example.com/unsubscribe", r.PathAndQuery);
        });
    }

    [Fact]
    public async Task CustomFieldsAreListedFromXml()
    {
        _harness.Handler.Respond(HttpStatusCode.OK, MaileonExamples.CustomFields, MaileonExamples.XmlType);

        var fields = await _harness.Maileon.ListCustomFieldsAsync(_connection);

        Assert.Equal($"{Base}/contacts/fields/custom", _harness.Handler.Single.PathAndQuery);
        Assert.Equal([new MaileonCustomField("pipedrive_person_id", "integer"), new MaileonCustomField("Magento_NL", "boolean")], fields);
        Assert.True(fields[0].HasType(MaileonCustomFieldType.Integer));
    }

    [Fact]
    public async Task CreateCustomFieldPostsNameAndType()
    {
        _harness.Handler.Respond(HttpStatusCode.Created, "", "text/plain");

        var field = await _harness.Maileon.CreateCustomFieldAsync(_connection, "owner_email", MaileonCustomFieldType.String);

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

        var field = await _harness.Maileon.CreateCustomFieldAsync(_connection, "pipedrive_person_id", MaileonCustomFieldType.Integer);

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
            () => _harness.Maileon.CreateCustomFieldAsync(_connection, "FIRSTNAME", MaileonCustomFieldType.String));

        Assert.Equal(ApiFailureKind.Conflict, failure.Kind);
        Assert.Equal("name clashes with a standard field", failure.ServerMessage);
    }

    [Fact]
    public async Task TransactionTypeIsReadByNameWithItsAttributes()
    {
        _harness.Handler.Respond(HttpStatusCode.OK, MaileonExamples.TransactionType, MaileonExamples.XmlType);

        var type = await _harness.Maileon.GetTransactionTypeAsync(_connection, "pipedrive_deal");

        Assert.Equal($"{Base}/transactions/types/pipedrive_deal", _harness.Handler.Single.PathAndQuery);
        Assert.NotNull(type);
        Assert.Equal(68, type.Id);
        Assert.Equal("pipedrive_deal", type.Name);
        Assert.Equal([new MaileonTransactionAttributeSpec("deal.id", "integer", true)], type.Attributes);
    }

    [Fact]
    public async Task MissingTransactionTypeIsNull()
    {
        _harness.Handler.Respond(HttpStatusCode.NotFound, "", "text/plain");

        Assert.Null(await _harness.Maileon.GetTransactionTypeAsync(_connection, "pipedrive_deal_added"));
    }

    [Fact]
    public async Task TransactionTypeIsCreatedFromXml()
    {
        _harness.Handler.Respond(HttpStatusCode.Created, "<id>68</id>", MaileonExamples.XmlType);

        var id = await _harness.Maileon.CreateTransactionTypeAsync(_connection, new MaileonTransactionTypeDefinition(
            "pipedrive_deal_added",
            [
                new MaileonTransactionAttributeSpec("deal_id", MaileonAttributeType.Integer, true),
                new MaileonTransactionAttributeSpec("title", MaileonAttributeType.String, false),
                new MaileonTransactionAttributeSpec("timestamp", MaileonAttributeType.Timestamp, false),
            ],
            Description: "Pipedrive deal created",
            StoreOnly: false));

        var request = _harness.Handler.Single;
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

    [Fact]
    public async Task TransactionsArePostedAsAJsonArrayAndReportsComeBackInOrder()
    {
        _harness.Handler.Respond(HttpStatusCode.OK, MaileonExamples.TransactionReports);

        var reports = await _harness.Maileon.SendTransactionsAsync(_connection,
        [
            new MaileonTransaction(
                MaileonContactReference.ByEmail("max@example.com"),
                "pipedrive_deal_updated",
                new JsonObject { ["deal_id"] = 42, ["title"] = "ACME", ["value"] = 1200.5 },
                "pd-123-deal-42-updated"),
            new MaileonTransaction(MaileonContactReference.ByExternalId("pd-123-999"), "pipedrive_deal_updated", new JsonObject { ["deal_id"] = 43 }),
        ]);

        var request = _harness.Handler.Single;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"{Base}/transactions?ignore_invalid_transactions=true", request.PathAndQuery);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("application/json", request.Accept);
        Assert.Equal(
            """[{"typeName":"pipedrive_deal_updated","contact":{"email":"max@example.com"},"content":{"deal_id":42,"title":"ACME","value":1200.5,"transaction_id":"pd-123-deal-42-updated"}},""" +
            """{"typeName":"pipedrive_deal_updated","contact":{"external_id":"pd-123-999"},"content":{"deal_id":43}}]""",
            request.BodyText);
        Assert.Equal(2, reports.Count);
        Assert.True(reports[0].Queued);
        Assert.Equal("pd-123-deal-42-updated", reports[0].TransactionId);
        Assert.Equal(15975220, reports[0].ContactId);
        Assert.Equal("pd-123-456", reports[0].ContactExternalId);
        Assert.Null(reports[0].NotSent);
        Assert.False(reports[1].Queued);
        Assert.Equal("contact not found", reports[1].Message);
        Assert.Equal("unknown@example.com", reports[1].ContactEmail);
    }

    [Fact]
    public async Task TransactionBatchesAreSplitBelowTheSizeLimitAndKeepInputOrder()
    {
        using var harness = new ApiClientHarness(new Dictionary<string, string?> { ["Maileon:MaxTransactionBatchBytes"] = "1024" });
        harness.Handler.Respond(request => StubHttpHandler.Build(HttpStatusCode.OK, EchoReports(request), "application/json"));
        var events = Enumerable.Range(1, 12)
            .Select(i => new MaileonTransaction(
                MaileonContactReference.ByEmail($"person{i}@example.com"), "pipedrive_deal_added",
                new JsonObject { ["deal_id"] = i, ["title"] = new string('x', 200) }, $"tx-{i}"))
            .ToArray();

        var reports = await harness.Maileon.SendTransactionsAsync(new MaileonConnection(1, ApiKey), events);

        Assert.True(harness.Handler.Requests.Count > 1);
        Assert.All(harness.Handler.Requests, r => Assert.InRange(r.Body!.Length, 1, 1024));
        var sentIds = harness.Handler.Requests
            .SelectMany(r => JsonNode.Parse(r.BodyText)!.AsArray())
            .Select(e => (string)e!["content"]!["transaction_id"]!)
            .ToArray();
        Assert.Equal(events.Select(e => e.TransactionId), sentIds);
        Assert.Equal(events.Select(e => e.TransactionId), reports.Select(r => r.TransactionId));
        Assert.All(reports, r => Assert.True(r.Queued));
    }

    [Fact]
    public async Task TransactionBatchesRespectTheDocumentedNineMegabyteLimit()
    {
        _harness.Handler.Respond(request => StubHttpHandler.Build(HttpStatusCode.OK, EchoReports(request), "application/json"));
        var big = new string('d', 3_500_000);
        var events = Enumerable.Range(1, 3)
            .Select(i => new MaileonTransaction(MaileonContactReference.ByEmail("max@example.com"), "pipedrive_deal_updated",
                new JsonObject { ["notes"] = big }, $"big-{i}"))
            .ToArray();

        var reports = await _harness.Maileon.SendTransactionsAsync(_connection, events);

        Assert.Equal([2, 1], _harness.Handler.Requests.Select(r => JsonNode.Parse(r.BodyText)!.AsArray().Count));
        Assert.All(_harness.Handler.Requests, r => Assert.True(r.Body!.Length <= MaileonOptions.DocumentedMaxTransactionBatchBytes));
        Assert.Equal(["big-1", "big-2", "big-3"], reports.Select(r => r.TransactionId));
    }

    [Fact]
    public async Task AnEventTooLargeForAnyRequestIsReportedAndNotSent()
    {
        using var harness = new ApiClientHarness(new Dictionary<string, string?> { ["Maileon:MaxTransactionBatchBytes"] = "1024" });
        harness.Handler.Respond(request => StubHttpHandler.Build(HttpStatusCode.OK, EchoReports(request), "application/json"));

        var reports = await harness.Maileon.SendTransactionsAsync(new MaileonConnection(1, ApiKey),
        [
            new MaileonTransaction(MaileonContactReference.ByEmail("a@example.com"), "t", new JsonObject { ["n"] = 1 }, "small"),
            new MaileonTransaction(MaileonContactReference.ByEmail("b@example.com"), "t", new JsonObject { ["s"] = new string('x', 2000) }, "huge"),
        ]);

        Assert.Single(harness.Handler.Requests);
        Assert.True(reports[0].Queued);
        Assert.False(reports[1].Queued);
        Assert.Equal(ApiFailureKind.Rejected, reports[1].NotSent);
        Assert.Equal("huge", reports[1].TransactionId);
    }

    [Fact]
    public async Task WhenALaterBatchFailsTheEarlierEventsKeepTheirReports()
    {
        using var harness = new ApiClientHarness(new Dictionary<string, string?> { ["Maileon:MaxTransactionBatchBytes"] = "1024" });
        harness.Handler
            .Respond(request => StubHttpHandler.Build(HttpStatusCode.OK, EchoReports(request), "application/json"))
            .Respond(HttpStatusCode.InternalServerError, "", "text/plain");
        var events = Enumerable.Range(1, 8)
            .Select(i => new MaileonTransaction(MaileonContactReference.ByEmail("a@example.com"), "t",
                new JsonObject { ["s"] = new string('x', 300) }, $"tx-{i}"))
            .ToArray();

        var reports = await harness.Maileon.SendTransactionsAsync(new MaileonConnection(1, ApiKey), events);

        var firstBatch = JsonNode.Parse(harness.Handler.Requests[0].BodyText)!.AsArray().Count;
        Assert.Equal(2, harness.Handler.Requests.Count);
        Assert.All(reports.Take(firstBatch), r => Assert.True(r.Queued));
        Assert.All(reports.Skip(firstBatch), r =>
        {
            Assert.False(r.Queued);
            Assert.Equal(ApiFailureKind.Transient, r.NotSent);
        });
    }

    [Fact]
    public async Task WhenTheFirstBatchFailsTheFailureIsThrown()
    {
        _harness.Handler.Respond(HttpStatusCode.BadRequest, MaileonExamples.Error, MaileonExamples.XmlType);

        var failure = await Assert.ThrowsAsync<MaileonApiException>(() => _harness.Maileon.SendTransactionsAsync(_connection,
            [new MaileonTransaction(MaileonContactReference.ById(15975220), "t", new JsonObject())]));

        Assert.Equal(ApiFailureKind.Rejected, failure.Kind);
        Assert.Equal("page_size must not exceed 1000 but was 200000", failure.ServerMessage);
        Assert.Equal("""[{"typeName":"t","contact":{"id":15975220},"content":{}}]""", _harness.Handler.Single.BodyText);
    }

    [Fact]
    public async Task TransactionsAreNeverRepeatedAutomatically()
    {
        _harness.Handler.Respond(HttpStatusCode.ServiceUnavailable, "", "text/plain");

        var failure = await Assert.ThrowsAsync<MaileonApiException>(() => _harness.Maileon.SendTransactionsAsync(_connection,
            [new MaileonTransaction(MaileonContactReference.ByEmail("a@example.com"), "t", new JsonObject())]));

        Assert.True(failure.IsTransient);
        Assert.Single(_harness.Handler.Requests);
    }

    [Fact]
    public async Task TransactionIsLookedUpByTypeAndTransactionId()
    {
        _harness.Handler
            .Respond(HttpStatusCode.OK, """{"type":68,"content":{"transaction_id":"pd 1/deal+42","deal_id":42}}""")
            .Respond(HttpStatusCode.NotFound, "", "text/plain");

        var found = await _harness.Maileon.GetTransactionAsync(_connection, 68, "pd 1/deal+42");
        var missing = await _harness.Maileon.GetTransactionAsync(_connection, 68, "never-sent");

        Assert.Equal($"{Base}/transactions/68/transaction_id/pd%201%2Fdeal%2B42", _harness.Handler.Requests[0].PathAndQuery);
        Assert.Equal("application/json", _harness.Handler.Requests[0].Accept);
        Assert.NotNull(found);
        Assert.Equal(42, found.Raw.GetProperty("content").GetProperty("deal_id").GetInt32());
        Assert.Null(missing);
    }

    [Fact]
    public async Task WebhookIsCreatedWithTheDocumentedJsonBody()
    {
        _harness.Handler.Respond(HttpStatusCode.Created, "<id>1915</id>", MaileonExamples.XmlType);

        var id = await _harness.Maileon.CreateWebhookAsync(_connection, new MaileonWebhookDefinition(
            new Uri("https://app.example.com/webhooks/maileon/8087566/unsubscription?token=SECRET"),
            "unsubscription",
            [new MaileonWebhookUrlParameter("email", StandardContactField: "email"), new MaileonWebhookUrlParameter("eid", StandardContactField: "external_id")],
            standardFields: ["email", "external_id"],
            eventFields: ["msg_id", "method"]));

        var request = _harness.Handler.Single;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"{Base}/webhooks", request.PathAndQuery);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal(
            """{"url":"https://app.example.com/webhooks/maileon/8087566/unsubscription?token=SECRET","event":"unsubscription","urlParams":""" +
            """[{"custom_contact_field":null,"standard_contact_field":"email","custom_value":null,"name":"email"},""" +
            """{"custom_contact_field":null,"standard_contact_field":"external_id","custom_value":null,"name":"eid"}],"customFields":""" +
            """[],"standardFields":["email","external_id"],"eventFields":["msg_id","method"]}""",
            request.BodyText);
        Assert.Equal(1915, id);
    }

    [Fact]
    public async Task WebhookIdIsAlsoReadFromAJsonAnswer()
    {
        _harness.Handler.Respond(HttpStatusCode.Created, """{"id":1916}""");

        var id = await _harness.Maileon.CreateWebhookAsync(_connection, new MaileonWebhookDefinition(new Uri("https://app.example.com/h?token=t0k3n-value"), "doi"));

        Assert.Equal(1916, id);
    }

    [Fact]
    public async Task WebhookTokenIsScrubbedFromFailuresAndHiddenInToString()
    {
        _harness.Handler.Respond(HttpStatusCode.BadRequest, "<error><message>url https://app.example.com/h?token=t0k3n-value is not https</message></error>", MaileonExamples.XmlType);
        var definition = new MaileonWebhookDefinition(new Uri("https://app.example.com/h?token=t0k3n-value"), "doi",
            [new MaileonWebhookUrlParameter("secret", CustomValue: "fixed-secret-9")]);

        var failure = await Assert.ThrowsAsync<MaileonApiException>(() => _harness.Maileon.CreateWebhookAsync(_connection, definition));

        Assert.DoesNotContain("t0k3n-value", failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("t0k3n-value", definition.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("fixed-secret-9", definition.UrlParams[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebhooksAreListedFromJson()
    {
        _harness.Handler.Respond(HttpStatusCode.OK, MaileonExamples.Webhooks);

        var webhook = Assert.Single(await _harness.Maileon.ListWebhooksAsync(_connection));

        Assert.Equal($"{Base}/webhooks", _harness.Handler.Single.PathAndQuery);
        Assert.Equal(1735, webhook.Id);
        Assert.Equal(7997, webhook.NewsletterAccountId);
        Assert.Equal("unsubscription", webhook.Event);
        Assert.Equal("https://app.example.com/maileon/webhooks/unsubscription?tenant=abc&token=SECRET", webhook.Url);
        Assert.Equal([("email", "email"), ("eid", "external_id")], webhook.UrlParams.Select(p => (p.Name, p.StandardContactField!)));
        Assert.Equal(["email", "external_id"], webhook.StandardFields);
        Assert.Equal(["msg_id", "method"], webhook.EventFields);
        Assert.DoesNotContain("SECRET", webhook.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyWebhookListIsEmpty()
    {
        _harness.Handler.Respond(HttpStatusCode.OK, "[]");

        Assert.Empty(await _harness.Maileon.ListWebhooksAsync(_connection));
    }

    [Fact]
    public async Task WebhookIsDeletedById()
    {
        _harness.Handler
            .Respond(HttpStatusCode.NoContent, "", "text/plain")
            .Respond(HttpStatusCode.NotFound, "", "text/plain");

        Assert.True(await _harness.Maileon.DeleteWebhookAsync(_connection, 1735));
        Assert.False(await _harness.Maileon.DeleteWebhookAsync(_connection, 1735));
        Assert.Equal($"{Base}/webhooks/1735", _harness.Handler.Requests[0].PathAndQuery);
        Assert.Equal(HttpMethod.Delete, _harness.Handler.Requests[0].Method);
    }

    [Fact]
    public async Task UnsubscriptionsReportIsPagedByTimeWindow()
    {
        _harness.Handler.Respond(
            HttpStatusCode.OK,
            """
            <unsubscriptions>
              <unsubscription>
                <timestamp>1748328881000</timestamp>
                <contact><id>15975220</id><email>max@example.com</email><external_id>pd-8087566-456</external_id></contact>
                <mailing_id>3108</mailing_id>
                <source>link</source>
              </unsubscription>
              <unsubscription>
                <timestamp>2025-05-27 07:00:00</timestamp>
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

        var page = await _harness.Maileon.GetUnsubscriptionsAsync(_connection, from, to, pageIndex: 1, pageSize: 500);

        Assert.Equal(
            $"{Base}/reports/unsubscriptions?page_index=1&page_size=500&from_date=1748300000000&to_date=1748400000000",
            _harness.Handler.Single.PathAndQuery);
        Assert.Equal(MaileonExamples.XmlType, _harness.Handler.Single.Accept);
        Assert.Equal(2, page.Items.Count);
        Assert.Equal(
            new MaileonUnsubscription(DateTimeOffset.FromUnixTimeMilliseconds(1748328881000), 15975220, "max@example.com", "pd-8087566-456", 3108, "link"),
            page.Items[0]);
        Assert.Equal(new DateTimeOffset(2025, 5, 27, 7, 0, 0, TimeSpan.Zero), page.Items[1].Timestamp);
        Assert.Null(page.Items[1].Email);
        Assert.Equal(2, page.TotalItems);
        Assert.Equal(1, page.TotalPages);
        Assert.False(page.HasMore(500));
    }

    [Fact]
    public async Task ContactListIsPagedAndFilteredByUpdatedAfterInWallClockTime()
    {
        _harness.Handler.Respond(
            HttpStatusCode.OK,
            """
            <contacts>
              <contact>
                <id>15975220</id><email>max@example.com</email><external_id>pd-8087566-456</external_id>
                <created>2025-05-27 07:00:00.0</created><updated>2025-05-27 09:30:12.5</updated><permission>5</permission>
                <standard_fields/><custom_fields/>
              </contact>
              <contact anonymous="true">
                <id>15975221</id><email nil="true"/><external_id nil="true"/>
                <created>2025-05-27 07:00:00.0</created><updated>2025-05-27 08:00:00.0</updated><permission>1</permission>
              </contact>
            </contacts>
            """,
            MaileonExamples.XmlType,
            ("X-Items", "3"),
            ("X-Pages", "2"));

        var page = await _harness.Maileon.ListContactsAsync(_connection, new DateTime(2025, 5, 27, 9, 0, 5), pageIndex: 1, pageSize: 2);

        Assert.Equal(
            $"{Base}/contacts?page_index=1&page_size=2&updated_after=2025-05-27%2009%3A00%3A05",
            _harness.Handler.Single.PathAndQuery);
        Assert.Equal(MaileonExamples.XmlType, _harness.Handler.Single.Accept);
        Assert.Equal(2, page.Items.Count);
        var first = page.Items[0];
        Assert.Equal(15975220, first.Id);
        Assert.Equal("max@example.com", first.Email);
        Assert.Equal("pd-8087566-456", first.ExternalId);
        Assert.Equal(MaileonPermissionLevel.DoubleOptInPlus, first.Permission);
        Assert.True(first.HasConfirmedDoubleOptIn);
        Assert.Equal(new DateTime(2025, 5, 27, 9, 30, 12, 500), first.Updated);
        Assert.False(first.Anonymous);
        Assert.True(page.Items[1].Anonymous);
        Assert.Null(page.Items[1].Email);
        Assert.Null(page.Items[1].ExternalId);
        Assert.Equal(3, page.TotalItems);
        Assert.True(page.HasMore(2));
    }

    [Fact]
    public async Task ContactListWithoutFilterOrContactsIsAnEmptyLastPage()
    {
        _harness.Handler.Respond(HttpStatusCode.OK, "<contacts/>", MaileonExamples.XmlType, ("X-Items", "0"), ("X-Pages", "0"));

        var page = await _harness.Maileon.ListContactsAsync(_connection, updatedAfter: null, pageIndex: 1, pageSize: 1000);

        Assert.Equal($"{Base}/contacts?page_index=1&page_size=1000", _harness.Handler.Single.PathAndQuery);
        Assert.Empty(page.Items);
        Assert.False(page.HasMore(1000));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _harness.Maileon.ListContactsAsync(_connection, null, pageSize: 1001));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, ApiFailureKind.Rejected)]
    [InlineData(HttpStatusCode.Unauthorized, ApiFailureKind.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden, ApiFailureKind.Forbidden)]
    [InlineData(HttpStatusCode.NotFound, ApiFailureKind.NotFound)]
    [InlineData(HttpStatusCode.Conflict, ApiFailureKind.Conflict)]
    [InlineData(HttpStatusCode.UnsupportedMediaType, ApiFailureKind.Rejected)]
    [InlineData(HttpStatusCode.HttpVersionNotSupported, ApiFailureKind.Rejected)]
    public async Task FailuresAreClassifiedWithTheXmlErrorMessage(HttpStatusCode status, ApiFailureKind expected)
    {
        _harness.Handler.Respond(status, MaileonExamples.Error, MaileonExamples.XmlType);

        var failure = await Assert.ThrowsAsync<MaileonApiException>(() => _harness.Maileon.GetAccountInfoAsync(_connection));

        Assert.Equal(expected, failure.Kind);
        Assert.Equal((int)status, failure.StatusCode);
        Assert.Equal("page_size must not exceed 1000 but was 200000", failure.ServerMessage);
        Assert.Single(_harness.Handler.Requests);
    }

    [Fact]
    public async Task PlainTextErrorBodiesAreTheMessage()
    {
        _harness.Handler.Respond(HttpStatusCode.NotFound, "Mailing with id 3108 not found.", "text/plain");

        var failure = await Assert.ThrowsAsync<MaileonApiException>(() => _harness.Maileon.ListCustomFieldsAsync(_connection));

        Assert.Equal("Mailing with id 3108 not found.", failure.ServerMessage);
    }

    [Fact]
    public async Task ServerErrorOnAReadIsRetriedThenSucceeds()
    {
        _harness.Handler
            .Respond(HttpStatusCode.InternalServerError, "", "text/plain")
            .Respond(HttpStatusCode.OK, MaileonExamples.CustomFields, MaileonExamples.XmlType);

        var fields = await _harness.Maileon.ListCustomFieldsAsync(_connection);

        Assert.Equal(2, fields.Count);
        Assert.Equal(2, _harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task ApiKeyEchoedByTheServerNeverReachesTheException()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(ApiKey));
        _harness.Handler.Respond(
            HttpStatusCode.Unauthorized, $"<error><message>API key {ApiKey} ({encoded}) has expired</message></error>", MaileonExamples.XmlType);

        var failure = await Assert.ThrowsAsync<MaileonApiException>(() => _harness.Maileon.GetAccountInfoAsync(_connection));

        Assert.DoesNotContain(ApiKey, failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(encoded, failure.ToString(), StringComparison.Ordinal);
        Assert.Contains("has expired", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, _connection.ToString(), StringComparison.Ordinal);
    }

    private static MaileonContactData EmptyContact() =>
        new(null, new Dictionary<string, string?>(), new Dictionary<string, string?>());

    /// <summary>A Maileon-like answer: one queued report per event, echoing its transaction id.</summary>
    private static string EchoReports(RecordedRequest request)
    {
        var events = JsonNode.Parse(request.BodyText)!.AsArray();
        var reports = new JsonArray(events
            .Select(e => (JsonNode)new JsonObject
            {
                ["contact"] = e!["contact"]!.DeepClone(),
                ["queued"] = true,
                ["transaction_id"] = e["content"]?["transaction_id"]?.DeepClone(),
                ["message"] = null,
            })
            .ToArray());
        return new JsonObject { ["reports"] = reports }.ToJsonString(new JsonSerializerOptions());
    }
}
