using System.Net;
using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.UnitTests.ApiClients;

/// <summary>Webhooks: create with the documented body, list, delete, tokens kept out of failures.</summary>
public sealed class MaileonWebhooksTests : MaileonClientTestBase
{
    [Fact]
    public async Task WebhookIsCreatedWithTheDocumentedJsonBody()
    {
        harness.Handler.Respond(HttpStatusCode.Created, "<id>1915</id>", MaileonExamples.XmlType);

        var id = await harness.MaileonWebhooks.CreateWebhookAsync(connection, new MaileonWebhookDefinition(
            new Uri("https://app.example.com/webhooks/maileon/8087566/unsubscription?token=SECRET"),
            "unsubscription",
            [new MaileonWebhookUrlParameter("email", StandardContactField: "email"), new MaileonWebhookUrlParameter("eid", StandardContactField: "external_id")],
            standardFields: ["email", "external_id"],
            eventFields: ["msg_id", "method"]));

        var request = harness.Handler.Single;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"{Base}/webhooks", request.PathAndQuery);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("application/json", request.Accept);
        Assert.Equal(
            """{"url":"https://app.example.com/webhooks/maileon/8087566/unsubscription?token=SECRET","event":"unsubscription","urlParams":""" +
            """[{"custom_contact_field":null,"standard_contact_field":"email","custom_value":null,"name":"email"},""" +
            """{"custom_contact_field":null,"standard_contact_field":"external_id","custom_value":null,"name":"eid"}],"customFields":""" +
            """[],"standardFields":["email","external_id"],"eventFields":["msg_id","method"]}""",
            request.BodyText);
        Assert.Equal(1915, id);
    }

    [Fact]
    public async Task WebhookIdIsAlsoReadFromAJsonAnswerWhichMaileonDoesNotDocument()
    {
        harness.Handler.Respond(HttpStatusCode.Created, """{"id":1916}""");

        var id = await harness.MaileonWebhooks.CreateWebhookAsync(connection, new MaileonWebhookDefinition(new Uri("https://app.example.com/h?token=t0k3n-value"), "doi"));

        Assert.Equal(1916, id);
    }

    [Fact]
    public async Task WebhookTokenIsScrubbedFromFailuresAndHiddenInToString()
    {
        harness.Handler.Respond(HttpStatusCode.BadRequest, "<error><message>url https://app.example.com/h?token=t0k3n-value is not https</message></error>", MaileonExamples.XmlType);
        var definition = new MaileonWebhookDefinition(new Uri("https://app.example.com/h?token=t0k3n-value"), "doi",
            [new MaileonWebhookUrlParameter("secret", CustomValue: "fixed-secret-9")]);

        var failure = await Assert.ThrowsAsync<MaileonApiException>(() => harness.MaileonWebhooks.CreateWebhookAsync(connection, definition));

        Assert.DoesNotContain("t0k3n-value", failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("t0k3n-value", definition.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("fixed-secret-9", definition.UrlParams[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebhooksAreListedFromJson()
    {
        harness.Handler.Respond(HttpStatusCode.OK, MaileonExamples.Webhooks);

        var webhook = Assert.Single(await harness.MaileonWebhooks.ListWebhooksAsync(connection));

        Assert.Equal($"{Base}/webhooks", harness.Handler.Single.PathAndQuery);
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
        harness.Handler.Respond(HttpStatusCode.OK, "[]");

        Assert.Empty(await harness.MaileonWebhooks.ListWebhooksAsync(connection));
    }

    [Fact]
    public async Task WebhookIsDeletedById()
    {
        harness.Handler
            .Respond(HttpStatusCode.NoContent, "", "text/plain")
            .Respond(HttpStatusCode.NotFound, "", "text/plain");

        Assert.True(await harness.MaileonWebhooks.DeleteWebhookAsync(connection, 1735));
        Assert.False(await harness.MaileonWebhooks.DeleteWebhookAsync(connection, 1735));
        Assert.Equal($"{Base}/webhooks/1735", harness.Handler.Requests[0].PathAndQuery);
        Assert.Equal(HttpMethod.Delete, harness.Handler.Requests[0].Method);
    }
}
