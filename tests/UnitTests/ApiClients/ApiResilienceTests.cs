using System.Net;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;

namespace PipedriveMaileon.UnitTests.ApiClients;

/// <summary>Retry, wait, timeout and circuit behaviour, on fake time: the assertions are about order, never speed.</summary>
public sealed class ApiResilienceTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    private static PipedriveConnection Company(long id) => PipedriveExamples.Company(id);

    [Fact]
    public async Task PipedriveBurstLimitWaitsForRetryAfterThenSucceeds()
    {
        using var harness = new ApiClientHarness(fakeTime: true);
        harness.Handler
            .Respond(HttpStatusCode.TooManyRequests, PipedriveExamples.RequestOverLimit, "application/json",
                ("Retry-After", "3"), ("x-ratelimit-reset", "1"), ("x-daily-ratelimit-token-remaining", "1200"))
            .Respond(HttpStatusCode.OK, PipedriveExamples.Person);

        var person = await harness.AdvanceUntilDoneAsync(harness.Pipedrive.GetPersonAsync(Company(1), 1), Step);

        var requests = harness.Handler.Requests;
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(3));
        Assert.Equal(1, person?.Id);
    }

    [Fact]
    public async Task PipedriveBurstLimitWithoutRetryAfterWaitsForTheWindowReset()
    {
        using var harness = new ApiClientHarness(fakeTime: true);
        harness.Handler
            .Respond(HttpStatusCode.TooManyRequests, PipedriveExamples.RequestOverLimit, "application/json", ("x-ratelimit-reset", "5"))
            .Respond(HttpStatusCode.OK, PipedriveExamples.Person);

        await harness.AdvanceUntilDoneAsync(harness.Pipedrive.GetPersonAsync(Company(1), 1), Step);

        var requests = harness.Handler.Requests;
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task PipedriveBurstLimitWaitsAtLeastTheTwoSecondWindow()
    {
        using var harness = new ApiClientHarness(fakeTime: true);
        harness.Handler
            .Respond(HttpStatusCode.TooManyRequests, PipedriveExamples.RequestOverLimit)
            .Respond(HttpStatusCode.OK, PipedriveExamples.Person);

        await harness.AdvanceUntilDoneAsync(harness.Pipedrive.GetPersonAsync(Company(1), 1), Step);

        var requests = harness.Handler.Requests;
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task WaitLongerThanACallMayTakeIsHandedBackToTheCaller()
    {
        using var harness = new ApiClientHarness(fakeTime: true);
        harness.Handler.Respond(HttpStatusCode.TooManyRequests, PipedriveExamples.RequestOverLimit, "application/json", ("Retry-After", "120"));

        var call = harness.Pipedrive.GetPersonAsync(Company(1), 1);
        var failure = await Assert.ThrowsAsync<PipedriveApiException>(() => harness.AdvanceUntilDoneAsync(call, Step));

        Assert.Equal(ApiFailureKind.RateLimited, failure.Kind);
        Assert.False(failure.DailyBudgetExhausted);
        Assert.Equal(TimeSpan.FromSeconds(120), failure.RetryAfter);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task RateLimitedPostIsNotRepeatedButCarriesTheWait()
    {
        using var harness = new ApiClientHarness(fakeTime: true);
        harness.Handler.Respond(HttpStatusCode.TooManyRequests, PipedriveExamples.RequestOverLimit, "application/json", ("Retry-After", "1"));

        var failure = await Assert.ThrowsAsync<PipedriveApiException>(() => harness.Pipedrive.CreateWebhookAsync(
            Company(1), new PipedriveWebhookDefinition(new Uri("https://app.example.com/h"), "*", "deal", "deals")));

        Assert.Equal(ApiFailureKind.RateLimited, failure.Kind);
        Assert.Equal(TimeSpan.FromSeconds(2), failure.RetryAfter);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task MaileonRetryAfterOnServiceUnavailableIsHonoured()
    {
        using var harness = new ApiClientHarness(fakeTime: true);
        harness.Handler
            .Respond(HttpStatusCode.ServiceUnavailable, "<error><message>maintenance</message></error>", "application/vnd.maileon.api+xml", ("Retry-After", "4"))
            .Respond(HttpStatusCode.OK, "");

        var result = await harness.AdvanceUntilDoneAsync(
            harness.MaileonAccount.PingAsync(new MaileonConnection(1, "a1b2c3d4-e5f6-7890-abcd-ef1234567890"), HttpMethod.Get), Step);

        var requests = harness.Handler.Requests;
        Assert.Equal(MaileonPingResult.Ok, result);
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task MaileonRateLimitWithLongRetryAfterIsReportedWithTheWait()
    {
        using var harness = new ApiClientHarness(fakeTime: true);
        harness.Handler.Respond(HttpStatusCode.TooManyRequests, "", "text/plain", ("Retry-After", "90"));

        var call = harness.MaileonAccount.GetAccountInfoAsync(new MaileonConnection(1, "a1b2c3d4-e5f6-7890-abcd-ef1234567890"));
        var failure = await Assert.ThrowsAsync<MaileonApiException>(() => harness.AdvanceUntilDoneAsync(call, Step));

        Assert.Equal(ApiFailureKind.RateLimited, failure.Kind);
        Assert.Equal(TimeSpan.FromSeconds(90), failure.RetryAfter);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task HangingServerEndsInATransientTimeoutWithinTheCallBudget()
    {
        using var harness = new ApiClientHarness(fakeTime: true);
        harness.Handler.Hang();

        var call = harness.Pipedrive.GetPersonAsync(Company(1), 1);
        var failure = await Assert.ThrowsAsync<PipedriveApiException>(() => harness.AdvanceUntilDoneAsync(call, Step));

        Assert.Equal(ApiFailureKind.Transient, failure.Kind);
        Assert.Null(failure.StatusCode);
        Assert.Equal("The call timed out.", failure.ServerMessage);
        Assert.InRange(harness.Handler.Requests.Count, 1, 3);
        Assert.True(harness.Handler.Requests[^1].At - harness.Handler.Requests[0].At <= TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task CallerCancellationIsNotReportedAsAnApiFailure()
    {
        using var harness = new ApiClientHarness();
        harness.Handler.Hang();
        using var cancellation = new CancellationTokenSource();

        var call = harness.Pipedrive.GetPersonAsync(Company(1), 1, cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task OneTenantsFailuresOpenOnlyThatTenantsCircuit()
    {
        using var harness = new ApiClientHarness(new Dictionary<string, string?>
        {
            ["Pipedrive:Resilience:MaxRetryAttempts"] = "0",
            ["Pipedrive:Resilience:CircuitMinimumThroughput"] = "2",
            ["Pipedrive:Resilience:CircuitBreakDuration"] = "00:01:00",
        });
        harness.Handler.Respond(request => request.Uri.Host == "company-1.pipedrive.com"
            ? StubHttpHandler.Build(HttpStatusCode.InternalServerError, """{"success":false,"error":"internal"}""", "application/json")
            : StubHttpHandler.Build(HttpStatusCode.OK, PipedriveExamples.Person, "application/json"));

        for (var i = 0; i < 2; i++)
        {
            var serverError = await Assert.ThrowsAsync<PipedriveApiException>(() => harness.Pipedrive.GetPersonAsync(Company(1), 1));
            Assert.Equal(500, serverError.StatusCode);
        }

        var open = await Assert.ThrowsAsync<PipedriveApiException>(() => harness.Pipedrive.GetPersonAsync(Company(1), 1));
        var other = await harness.Pipedrive.GetPersonAsync(Company(2), 1);

        Assert.Equal(ApiFailureKind.Transient, open.Kind);
        Assert.Null(open.StatusCode);
        Assert.Contains("circuit", open.Message, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(open.RetryAfter);
        Assert.Equal(2, harness.Handler.Requests.Count(r => r.Uri.Host == "company-1.pipedrive.com"));
        Assert.Equal(1, other?.Id);
    }

    [Fact]
    public async Task ClientErrorsNeverOpenTheCircuit()
    {
        using var harness = new ApiClientHarness(new Dictionary<string, string?>
        {
            ["Maileon:Resilience:CircuitMinimumThroughput"] = "2",
        });
        harness.Handler.Respond(HttpStatusCode.NotFound, "");
        var connection = new MaileonConnection(5, "a1b2c3d4-e5f6-7890-abcd-ef1234567890");

        for (var i = 0; i < 5; i++)
        {
            Assert.Null(await harness.MaileonContacts.GetContactAsync(connection, "gone@example.com"));
        }

        Assert.Equal(5, harness.Handler.Requests.Count);
    }
}
