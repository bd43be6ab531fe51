using System.Net;
using System.Xml.Linq;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.UnitTests.ApiClients;

/// <summary>Contacts by email: upsert with DOI, read, list by update time, unsubscribe.</summary>
public sealed class MaileonContactsTests : MaileonClientTestBase
{
    [Fact]
    public async Task UpsertWithDoubleOptInSendsTheDocumentedQueryAndXmlBody()
    {
        harness.Handler.Respond(HttpStatusCode.Created, "<id>15975220</id>", MaileonExamples.XmlType);

        var id = await harness.MaileonContacts.UpsertContactAsync(
            connection,
            "max+news@example.com",
            new MaileonContactData(
                "pd-123-456",
                new Dictionary<string, string?> { ["FIRSTNAME"] = "Max", ["LASTNAME"] = "Mustermann & Söhne", ["ORGANIZATION"] = null },
                new Dictionary<string, string?> { ["pipedriveId"] = "456", ["createdByPipedrive"] = "true" }),
            new MaileonUpsertOptions(
                MaileonPermissionLevel.None, StartDoubleOptIn: true, DoiPlus: false, DoiMailingKey: "a1b2c3", Source: "Pipedrive App", SubscriptionPage: "pipedrive/person 456"));

        var request = harness.Handler.Single;
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
        harness.Handler.Respond(HttpStatusCode.Created, "<id>1</id>", MaileonExamples.XmlType);
        var longName = string.Concat(Enumerable.Repeat("😀", 300));

        await harness.MaileonContacts.UpsertContactAsync(
            connection,
            "jörg.müller@exämple.de",
            new MaileonContactData(null, new Dictionary<string, string?> { ["FIRSTNAME"] = longName }, new Dictionary<string, string?>()),
            new MaileonUpsertOptions());

        var request = harness.Handler.Single;
        Assert.StartsWith($"{Base}/contacts/email/j%C3%B6rg.m%C3%BCller%40ex%C3%A4mple.de?permission=1&sync_mode=1&doi=false&doiplus=false", request.PathAndQuery, StringComparison.Ordinal);
        var value = (string)XElement.Parse(request.BodyText).Element("standard_fields")!.Element("field")!.Element("value")!;
        Assert.Equal(255, value.EnumerateRunes().Count());
        Assert.Null(XElement.Parse(request.BodyText).Element("external_id"));
    }

    [Fact]
    public async Task UpsertThatStartsADoubleOptInIsNeverRepeated()
    {
        harness.Handler.Respond(HttpStatusCode.ServiceUnavailable, "", "text/plain");

        var failure = await Assert.ThrowsAsync<MaileonApiException>(() => harness.MaileonContacts.UpsertContactAsync(
            connection, "max@example.com", EmptyContact(), new MaileonUpsertOptions(StartDoubleOptIn: true)));

        Assert.Equal(ApiFailureKind.Transient, failure.Kind);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task UpsertWithoutDoubleOptInIsRepeatedAfterAServerError()
    {
        harness.Handler
            .Respond(HttpStatusCode.InternalServerError, "", "text/plain")
            .Respond(HttpStatusCode.Created, "<id>7</id>", MaileonExamples.XmlType);

        var id = await harness.MaileonContacts.UpsertContactAsync(connection, "max@example.com", EmptyContact(), new MaileonUpsertOptions());

        Assert.Equal(7, id);
        Assert.Equal(2, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task GetContactAsksForFieldsAndParsesTheDocumentedXml()
    {
        harness.Handler.Respond(HttpStatusCode.OK, MaileonExamples.Contact, MaileonExamples.XmlType);

        var contact = await harness.MaileonContacts.GetContactAsync(
            connection, "max.mustermann@xqueue.com", ["FIRSTNAME", "LASTNAME"], ["pipedriveId"]);

        Assert.Equal(
            $"{Base}/contacts/email/max.mustermann%40xqueue.com?standard_field=FIRSTNAME&standard_field=LASTNAME&custom_field=pipedriveId",
            harness.Handler.Single.PathAndQuery);
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
    public async Task XmlInTheBareMediaTypeIsReadAsUtf8()
    {
        // Maileon sends "application/vnd.maileon.api+xml" with no charset parameter; the XML declaration says UTF-8.
        harness.Handler.Respond(
            HttpStatusCode.OK,
            """<?xml version="1.0" encoding="UTF-8"?><contact><id>7</id><email>j@example.com</email><permission>1</permission><standard_fields><field><name>LASTNAME</name><value>Müller-Łukasiewicz 😀</value></field></standard_fields><custom_fields/></contact>""",
            MaileonExamples.XmlType);

        var contact = await harness.MaileonContacts.GetContactAsync(connection, "j@example.com", ["LASTNAME"]);

        Assert.Equal("Müller-Łukasiewicz 😀", contact!.StandardFields["LASTNAME"]);
    }

    [Fact]
    public async Task GetContactTurns404IntoNull()
    {
        harness.Handler.Respond(HttpStatusCode.NotFound, "", "text/plain");

        Assert.Null(await harness.MaileonContacts.GetContactAsync(connection, "gone@example.com"));
        Assert.Equal($"{Base}/contacts/email/gone%40example.com", harness.Handler.Single.PathAndQuery);
    }

    [Fact]
    public async Task UnsubscribeDeletesByEmailAndTreatsAMissingContactAsDone()
    {
        harness.Handler
            .Respond(HttpStatusCode.NoContent, "", "text/plain")
            .Respond(HttpStatusCode.NotFound, "", "text/plain");

        var first = await harness.MaileonContacts.UnsubscribeAsync(connection, "max+news@example.com");
        var second = await harness.MaileonContacts.UnsubscribeAsync(connection, "max+news@example.com");

        Assert.Equal(MaileonUnsubscribeResult.Unsubscribed, first);
        Assert.Equal(MaileonUnsubscribeResult.NotFound, second);
        Assert.All(harness.Handler.Requests, r =>
        {
            Assert.Equal(HttpMethod.Delete, r.Method);
            Assert.Equal($"{Base}/contacts/email/max%2Bnews%40example.com/unsubscribe", r.PathAndQuery);
        });
    }

    [Fact]
    public async Task ContactListIsPagedAndFilteredByUpdatedAfterInWallClockTime()
    {
        harness.Handler.Respond(
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

        var page = await harness.MaileonContacts.ListContactsAsync(connection, new DateTime(2025, 5, 27, 9, 0, 5), pageIndex: 1, pageSize: 2);

        Assert.Equal(
            $"{Base}/contacts?page_index=1&page_size=2&updated_after=2025-05-27%2009%3A00%3A05",
            harness.Handler.Single.PathAndQuery);
        Assert.Equal(MaileonExamples.XmlType, harness.Handler.Single.Accept);
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
        harness.Handler.Respond(HttpStatusCode.OK, "<contacts/>", MaileonExamples.XmlType, ("X-Items", "0"), ("X-Pages", "0"));

        var page = await harness.MaileonContacts.ListContactsAsync(connection, updatedAfter: null, pageIndex: 1, pageSize: 1000);

        Assert.Equal($"{Base}/contacts?page_index=1&page_size=1000", harness.Handler.Single.PathAndQuery);
        Assert.Empty(page.Items);
        Assert.False(page.HasMore(1000));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => harness.MaileonContacts.ListContactsAsync(connection, null, pageSize: 1001));
    }

    private static MaileonContactData EmptyContact() =>
        new(null, new Dictionary<string, string?>(), new Dictionary<string, string?>());
}
