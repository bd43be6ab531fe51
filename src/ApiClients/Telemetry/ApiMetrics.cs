using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace PipedriveMaileon.ApiClients.Telemetry;

/// <summary>
/// Latency and errors of the outbound API calls: <c>pm.api.call.duration</c> (api, operation, outcome), measured
/// around the whole resilience pipeline (what the caller waits, retries included), and <c>pm.api.retries</c>
/// (api, operation). Own instruments rather than the HttpClient ones: Pipedrive's host is per company, so
/// <c>server.address</c> would be a tenant-sized label. Operation names are the clients' fixed method names.
/// </summary>
public sealed class ApiMetrics
{
    /// <summary>Meter name; the hosts export everything under <c>PipedriveMaileon.*</c>.</summary>
    public const string MeterName = "PipedriveMaileon.ApiClients";

    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Histogram<double> duration;
    private readonly Counter<long> retries;

    public ApiMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        duration = meter.CreateHistogram("pm.api.call.duration", "s", "Outbound API calls as their caller saw them (retries included), by api, operation and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
        retries = meter.CreateCounter<long>("pm.api.retries", "{retry}", "Retries of outbound API calls by the resilience pipeline.");
    }

    /// <summary>The <c>outcome</c> label of a finished call: a small fixed set.</summary>
    public static string OutcomeOf(HttpResponseMessage? response, Exception? exception) => (response, exception) switch
    {
        ({ IsSuccessStatusCode: true }, _) => "ok",
        ({ StatusCode: HttpStatusCode.TooManyRequests }, _) => "rate_limited",
        ({ StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden }, _) => "unauthorized",
        ({ StatusCode: HttpStatusCode.NotFound or HttpStatusCode.Gone }, _) => "not_found",
        ({ StatusCode: HttpStatusCode.RequestTimeout }, _) => "server_error",
        ({ } r, _) when (int)r.StatusCode >= 500 => "server_error",
        ({ }, _) => "client_error",
        (null, BrokenCircuitException) => "circuit_open",
        (null, TimeoutRejectedException) => "timeout",
        (null, OperationCanceledException) => "canceled",
        _ => "network",
    };

    internal void Called(string api, string operation, long startedAt, HttpResponseMessage? response, Exception? exception)
    {
        if (duration.Enabled)
        {
            duration.Record(
                Stopwatch.GetElapsedTime(startedAt).TotalSeconds,
                new KeyValuePair<string, object?>("api", api),
                new KeyValuePair<string, object?>("operation", operation),
                new KeyValuePair<string, object?>("outcome", OutcomeOf(response, exception)));
        }
    }

    internal void Retried(string api, string operation) =>
        retries.Add(1, new KeyValuePair<string, object?>("api", api), new KeyValuePair<string, object?>("operation", operation));
}

/// <summary>Outermost handler of the API clients: times each call and labels its outcome.</summary>
internal sealed class ApiMetricsHandler(ApiMetrics metrics, string api) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var operation = Resilience.ApiRequestOptions.GetOperation(request);
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            metrics.Called(api, operation, started, response, null);
            return response;
        }
        catch (Exception exception)
        {
            metrics.Called(api, operation, started, null, exception);
            throw;
        }
    }
}
