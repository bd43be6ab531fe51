using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Deals;
using PipedriveMaileon.UnitTests.ApiClients;

namespace PipedriveMaileon.UnitTests.Deals;

/// <summary>The batcher on the real Maileon client, against a recording stub.</summary>
public sealed class DealEventBatcherTests : IDisposable
{
    private const long Company = 8087566;

    private readonly ApiClientHarness api = new();
    private readonly DealEventBatcher batcher;

    public DealEventBatcherTests() => batcher = new DealEventBatcher(api.MaileonTransactions, NullLogger<DealEventBatcher>.Instance);

    [Fact]
    public async Task Events_sent_with_the_same_settings_share_one_request()
    {
        api.Handler.Respond(Reports);

        var reports = await Task.WhenAll(Enumerable.Range(1, 5).Select(i => batcher.SendAsync(new MaileonConnection(Company, "key"), 1, Event(i))));

        Assert.All(reports, r => Assert.True(r.Queued));
        Assert.Equal(5, JsonNode.Parse(api.Handler.Single.BodyText)!.AsArray().Count);
    }

    [Fact]
    public async Task Callers_holding_different_versions_of_the_settings_never_share_a_request()
    {
        api.Handler.Respond(Reports);

        await Task.WhenAll(
            batcher.SendAsync(new MaileonConnection(Company, "old-key"), 1, Event(1)),
            batcher.SendAsync(new MaileonConnection(Company, "new-key"), 2, Event(2)));

        Assert.Equal(2, api.Handler.Requests.Count);
        Assert.Equal(2, api.Handler.Requests.Select(r => r.Authorization).Distinct().Count());
    }

    [Fact]
    public async Task A_refused_key_reaches_every_caller_of_the_batch_as_the_refusal()
    {
        api.Handler.Respond(HttpStatusCode.Unauthorized, "<error><message>Unauthorized: the API key is invalid.</message></error>", MaileonExamples.XmlType);

        var sends = Enumerable.Range(1, 3).Select(i => batcher.SendAsync(new MaileonConnection(Company, "key"), 1, Event(i))).ToList();

        foreach (var send in sends)
        {
            Assert.Equal(ApiFailureKind.Unauthorized, (await Assert.ThrowsAsync<MaileonApiException>(() => send)).Kind);
        }

        Assert.Single(api.Handler.Requests);
    }

    [Fact]
    public async Task Any_other_failed_request_is_each_callers_report_of_an_event_not_sent()
    {
        api.Handler.Respond(HttpStatusCode.BadRequest, "<error><message>invalid</message></error>", MaileonExamples.XmlType);

        var report = await batcher.SendAsync(new MaileonConnection(Company, "key"), 1, Event(1));

        Assert.False(report.Queued);
        Assert.Equal(ApiFailureKind.Rejected, report.NotSent);
    }

    public void Dispose() => api.Dispose();

    private static MaileonTransaction Event(int i) =>
        new(MaileonContactReference.ById(15975220), "pipedrive_deal_updated", new JsonObject { ["deal_id"] = i }, $"pd-{Company}-deal-{i}-ev-1");

    private static HttpResponseMessage Reports(RecordedRequest request)
    {
        var reports = JsonNode.Parse(request.BodyText)!.AsArray()
            .Select(t => new JsonObject { ["contact"] = new JsonObject { ["id"] = 15975220 }, ["queued"] = true, ["transaction_id"] = (string?)t!["content"]?["transaction_id"] });
        return StubHttpHandler.Build(HttpStatusCode.OK, new JsonObject { ["reports"] = new JsonArray([.. reports]) }.ToJsonString(), "application/json");
    }
}
