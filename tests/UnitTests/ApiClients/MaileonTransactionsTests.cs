using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.UnitTests.ApiClients;

/// <summary>Transactions: batches under the size limit, reports in order, never repeated, found by transaction id.</summary>
public sealed class MaileonTransactionsTests : MaileonClientTestBase
{
    [Fact]
    public async Task TransactionsArePostedAsAJsonArrayAndReportsComeBackInOrder()
    {
        harness.Handler.Respond(HttpStatusCode.OK, MaileonExamples.TransactionReports);

        var reports = await harness.MaileonTransactions.SendTransactionsAsync(connection,
        [
            new MaileonTransaction(
                MaileonContactReference.ByEmail("max@example.com"),
                "pipedrive_deal_updated",
                new JsonObject { ["deal_id"] = 42, ["title"] = "ACME", ["value"] = 1200.5 },
                "pd-123-deal-42-updated"),
            new MaileonTransaction(MaileonContactReference.ByExternalId("pd-123-999"), "pipedrive_deal_updated", new JsonObject { ["deal_id"] = 43 }),
        ]);

        var request = harness.Handler.Single;
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

        var reports = await harness.MaileonTransactions.SendTransactionsAsync(new MaileonConnection(1, ApiKey), events);

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
        harness.Handler.Respond(request => StubHttpHandler.Build(HttpStatusCode.OK, EchoReports(request), "application/json"));
        var big = new string('d', 3_500_000);
        var events = Enumerable.Range(1, 3)
            .Select(i => new MaileonTransaction(MaileonContactReference.ByEmail("max@example.com"), "pipedrive_deal_updated",
                new JsonObject { ["notes"] = big }, $"big-{i}"))
            .ToArray();

        var reports = await harness.MaileonTransactions.SendTransactionsAsync(connection, events);

        Assert.Equal([2, 1], harness.Handler.Requests.Select(r => JsonNode.Parse(r.BodyText)!.AsArray().Count));
        Assert.All(harness.Handler.Requests, r => Assert.True(r.Body!.Length <= MaileonOptions.DocumentedMaxTransactionBatchBytes));
        Assert.Equal(["big-1", "big-2", "big-3"], reports.Select(r => r.TransactionId));
    }

    [Fact]
    public async Task AnEventTooLargeForAnyRequestIsReportedAndNotSent()
    {
        using var harness = new ApiClientHarness(new Dictionary<string, string?> { ["Maileon:MaxTransactionBatchBytes"] = "1024" });
        harness.Handler.Respond(request => StubHttpHandler.Build(HttpStatusCode.OK, EchoReports(request), "application/json"));

        var reports = await harness.MaileonTransactions.SendTransactionsAsync(new MaileonConnection(1, ApiKey),
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

        var reports = await harness.MaileonTransactions.SendTransactionsAsync(new MaileonConnection(1, ApiKey), events);

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
        harness.Handler.Respond(HttpStatusCode.BadRequest, MaileonExamples.Error, MaileonExamples.XmlType);

        var failure = await Assert.ThrowsAsync<MaileonApiException>(() => harness.MaileonTransactions.SendTransactionsAsync(connection,
            [new MaileonTransaction(MaileonContactReference.ById(15975220), "t", new JsonObject())]));

        Assert.Equal(ApiFailureKind.Rejected, failure.Kind);
        Assert.Equal("page_size must not exceed 1000 but was 200000", failure.ServerMessage);
        Assert.Equal("""[{"typeName":"t","contact":{"id":15975220},"content":{}}]""", harness.Handler.Single.BodyText);
    }

    [Fact]
    public async Task TransactionsAreNeverRepeatedAutomatically()
    {
        harness.Handler.Respond(HttpStatusCode.ServiceUnavailable, "", "text/plain");

        var failure = await Assert.ThrowsAsync<MaileonApiException>(() => harness.MaileonTransactions.SendTransactionsAsync(connection,
            [new MaileonTransaction(MaileonContactReference.ByEmail("a@example.com"), "t", new JsonObject())]));

        Assert.True(failure.IsTransient);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task TransactionIsLookedUpByTypeAndTransactionIdAndIsItsContent()
    {
        harness.Handler
            .Respond(HttpStatusCode.OK, """{"transaction_id":"pd 1/deal+42","deal_id":42}""")
            .Respond(HttpStatusCode.NotFound, "", "text/plain");

        var found = await harness.MaileonTransactions.GetTransactionAsync(connection, 68, "pd 1/deal+42");
        var missing = await harness.MaileonTransactions.GetTransactionAsync(connection, 68, "never-sent");

        Assert.Equal($"{Base}/transactions/68/transaction_id/pd%201%2Fdeal%2B42", harness.Handler.Requests[0].PathAndQuery);
        Assert.Equal("application/json", harness.Handler.Requests[0].Accept);
        Assert.NotNull(found);
        Assert.Equal("pd 1/deal+42", found.TransactionId);
        Assert.Equal(42, found.Content.GetProperty("deal_id").GetInt32());
        Assert.Null(missing);
    }

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
