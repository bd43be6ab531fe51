using System.Net;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Pipedrive;

namespace PipedriveMaileon.UnitTests.ApiClients;

/// <summary>
/// A tenant's calls share its Pipedrive limits: once Pipedrive asks one call to wait, the tenant's other calls in the
/// process wait too instead of knocking (on fake time; assertions are about order and what reached the wire).
/// </summary>
public sealed class PipedriveBurstGateTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    private static PipedriveConnection Company(long id) => PipedriveExamples.Company(id);

    [Fact]
    public async Task AfterABurst429TheTenantsNextCallWaitsButOtherTenantsDoNot()
    {
        using var harness = new ApiClientHarness(fakeTime: true);
        harness.Handler
            .Respond(HttpStatusCode.TooManyRequests, PipedriveExamples.RequestOverLimit, "application/json", ("Retry-After", "1"))
            .Respond(HttpStatusCode.OK, PipedriveExamples.Person);

        // A POST is not repeated by the retry: the 429 goes back to its caller, and the tenant is paused for 2 s.
        await Assert.ThrowsAsync<PipedriveApiException>(() => harness.Pipedrive.CreateWebhookAsync(
            Company(1), new PipedriveWebhookDefinition(new Uri("https://app.example.com/h"), "*", "deal", "deals")));
        var refusedAt = harness.Time.GetUtcNow();

        await harness.Pipedrive.GetPersonAsync(Company(2), 1);
        await harness.AdvanceUntilDoneAsync(harness.Pipedrive.GetPersonAsync(Company(1), 1), Step);

        var requests = harness.Handler.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Equal(refusedAt, requests[1].At); // the other tenant went straight through
        Assert.StartsWith("https://company-2.", requests[1].Uri.ToString(), StringComparison.Ordinal);
        Assert.True(requests[2].At - refusedAt >= TimeSpan.FromSeconds(2), $"waited {requests[2].At - refusedAt}");
    }

    [Fact]
    public async Task AnEmptyBurstWindowPausesTheTenantUntilItResets()
    {
        using var harness = new ApiClientHarness(fakeTime: true);
        harness.Handler
            .Respond(HttpStatusCode.OK, PipedriveExamples.Person, "application/json", ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "2"))
            .Respond(HttpStatusCode.OK, PipedriveExamples.Person);

        await harness.Pipedrive.GetPersonAsync(Company(1), 1);
        await harness.AdvanceUntilDoneAsync(harness.Pipedrive.GetPersonAsync(Company(1), 1), Step);

        var requests = harness.Handler.Requests;
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task WhileTheDailyBudgetIsSpentCallsAreAnsweredWithoutReachingPipedrive()
    {
        using var harness = new ApiClientHarness(fakeTime: true);
        harness.Handler.Respond(HttpStatusCode.TooManyRequests, PipedriveExamples.RequestOverLimit, "application/json",
            ("Retry-After", "3600"), ("x-daily-ratelimit-token-remaining", "0"));

        var first = await Assert.ThrowsAsync<PipedriveApiException>(() => harness.Pipedrive.GetPersonAsync(Company(1), 1));
        harness.Time.Advance(TimeSpan.FromMinutes(10));
        var second = await Assert.ThrowsAsync<PipedriveApiException>(() => harness.Pipedrive.GetPersonAsync(Company(1), 2));

        Assert.Single(harness.Handler.Requests);
        Assert.True(first.DailyBudgetExhausted);
        Assert.Equal(ApiFailureKind.RateLimited, second.Kind);
        Assert.True(second.DailyBudgetExhausted);
        Assert.Equal(TimeSpan.FromMinutes(50), second.RetryAfter);

        harness.Time.Advance(TimeSpan.FromMinutes(50));
        harness.Handler.Respond(HttpStatusCode.OK, PipedriveExamples.Person);
        Assert.NotNull(await harness.Pipedrive.GetPersonAsync(Company(1), 1));
        Assert.Equal(2, harness.Handler.Requests.Count);
    }
}
