using System.Net;
using Microsoft.Extensions.Logging;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Pipedrive;

namespace PipedriveMaileon.UnitTests.ApiClients;

/// <summary>What Polly's own log lines say about our calls: retries are quiet, real failures stay loud.</summary>
public sealed class ApiRetryLoggingTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task ARateLimitTheRetryWaitsOutLogsNothingAboveDebug()
    {
        var logs = new RecordingLoggerProvider();
        using var harness = new ApiClientHarness(fakeTime: true, logs: logs);
        harness.Handler
            .Respond(HttpStatusCode.TooManyRequests, PipedriveExamples.RequestOverLimit, "application/json", ("Retry-After", "1"))
            .Respond(HttpStatusCode.OK, PipedriveExamples.Person);

        await harness.AdvanceUntilDoneAsync(harness.Pipedrive.GetPersonAsync(PipedriveExamples.Company(1), 1), Step);

        var polly = PollyLines(logs);
        Assert.Contains(polly, l => l.Level == LogLevel.Debug && l.Message.Contains("'429'", StringComparison.Ordinal));
        Assert.DoesNotContain(polly, l => l.Level > LogLevel.Information);
    }

    [Fact]
    public async Task ARateLimitOutlastingTheRetriesIsInformationNotAnError()
    {
        var logs = new RecordingLoggerProvider();
        using var harness = new ApiClientHarness(fakeTime: true, logs: logs);
        for (var i = 0; i < 3; i++)
        {
            harness.Handler.Respond(HttpStatusCode.TooManyRequests, PipedriveExamples.RequestOverLimit, "application/json", ("Retry-After", "1"));
        }

        var call = harness.Pipedrive.GetPersonAsync(PipedriveExamples.Company(1), 1);
        var failure = await Assert.ThrowsAsync<PipedriveApiException>(() => harness.AdvanceUntilDoneAsync(call, Step));

        Assert.Equal(ApiFailureKind.RateLimited, failure.Kind);
        Assert.Equal(3, harness.Handler.Requests.Count);
        var polly = PollyLines(logs);
        Assert.Single(polly, l => l.Level == LogLevel.Information && l.Message.StartsWith("Execution attempt", StringComparison.Ordinal) && l.Message.Contains("'429'", StringComparison.Ordinal));
        Assert.DoesNotContain(polly, l => l.Level > LogLevel.Information);
    }

    [Fact]
    public async Task AServerErrorOutlastingTheRetriesStaysAnError()
    {
        var logs = new RecordingLoggerProvider();
        using var harness = new ApiClientHarness(fakeTime: true, logs: logs);
        harness.Handler.Respond(HttpStatusCode.TooManyRequests, PipedriveExamples.RequestOverLimit, "application/json", ("Retry-After", "1"));
        for (var i = 0; i < 2; i++)
        {
            harness.Handler.Respond(HttpStatusCode.BadGateway, "{}");
        }

        var call = harness.Pipedrive.GetPersonAsync(PipedriveExamples.Company(1), 1);
        var failure = await Assert.ThrowsAsync<PipedriveApiException>(() => harness.AdvanceUntilDoneAsync(call, Step));

        Assert.Equal(ApiFailureKind.Transient, failure.Kind);
        var polly = PollyLines(logs);
        Assert.Single(polly, l => l.Level == LogLevel.Error && l.Message.StartsWith("Execution attempt", StringComparison.Ordinal) && l.Message.Contains("'502'", StringComparison.Ordinal));
        Assert.DoesNotContain(polly, l => l.Level == LogLevel.Warning);
    }

    private static List<RecordingLoggerProvider.RecordedLog> PollyLines(RecordingLoggerProvider logs) =>
        logs.Lines.Where(l => l.Category.StartsWith("Polly", StringComparison.Ordinal)).ToList();
}
