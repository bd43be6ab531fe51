using System.Net;
using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.UnitTests.ApiClients;

/// <summary>The facade kept for callers written before the split forwards to the resource clients.</summary>
public sealed class MaileonClientFacadeTests : MaileonClientTestBase
{
    [Fact]
    public async Task FacadeCallsReachTheSameResourcesAsTheResourceClients()
    {
        _harness.Handler
            .Respond(HttpStatusCode.NotFound, "", "text/plain")
            .Respond(HttpStatusCode.OK, "[]")
            .Respond(HttpStatusCode.NoContent, "", "text/plain");

        Assert.Null(await _harness.Maileon.GetContactAsync(_connection, "gone@example.com", cancellationToken: CancellationToken.None));
        Assert.Empty(await _harness.Maileon.ListWebhooksAsync(_connection));
        Assert.Equal(MaileonUnsubscribeResult.Unsubscribed, await _harness.Maileon.Contacts.UnsubscribeAsync(_connection, "gone@example.com"));

        Assert.Equal(
            [$"{Base}/contacts/email/gone%40example.com", $"{Base}/webhooks", $"{Base}/contacts/email/gone%40example.com/unsubscribe"],
            _harness.Handler.Requests.Select(r => r.PathAndQuery));
    }
}
