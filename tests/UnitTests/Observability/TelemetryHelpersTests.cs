using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Configuration;
using Polly.CircuitBreaker;
using Polly.Timeout;
using PipedriveMaileon.ApiClients.Telemetry;
using PipedriveMaileon.Grains.Interfaces.Observability;

namespace PipedriveMaileon.UnitTests.Observability;

public sealed class TenantLabelsTests
{
    [Fact]
    public void KnownTenantsKeepTheirLabelAndTenantsPastTheCapShareOne()
    {
        var labels = new TenantLabels(enabled: true, limit: 2);

        Assert.Equal("101", labels.For(101));
        Assert.Equal("102", labels.For(102));
        Assert.Equal(TenantLabels.Other, labels.For(103));
        Assert.Equal("101", labels.For(101));
        Assert.Same(labels.For(102), labels.For(102)); // cached: no allocation per call
        Assert.Equal(2, labels.Count);
    }

    [Theory]
    [InlineData(false, 1000)]
    [InlineData(true, 0)]
    public void DisabledOrZeroCapMeansNoTenantLabel(bool enabled, int limit)
    {
        var labels = new TenantLabels(enabled, limit);

        Assert.False(labels.Enabled);
        Assert.Equal(TenantLabels.Other, labels.For(7));
    }
}

public sealed class TelemetryOptionsTests
{
    [Fact]
    public void DefaultsAreTenantLabelsOnBacklogGaugesOnAndNoSiloListener()
    {
        var options = TelemetryOptions.From(new ConfigurationBuilder().Build());

        Assert.Equal(new TelemetryOptions(true, TenantLabels.DefaultLimit, true, 0, "localhost"), options);
    }

    [Fact]
    public void ReadsTheSection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telemetry:TenantLabels"] = "false",
            ["Telemetry:MaxTenantLabels"] = "50",
            ["Telemetry:BacklogGauges"] = "false",
            ["Telemetry:PrometheusPort"] = "9464",
            ["Telemetry:PrometheusHost"] = "*",
        }).Build();

        Assert.Equal(new TelemetryOptions(false, 50, false, 9464, "*"), TelemetryOptions.From(configuration));
    }

    [Theory]
    [InlineData("PrometheusPort", "70000")]
    [InlineData("PrometheusPort", "nine")]
    [InlineData("TenantLabels", "yes")]
    [InlineData("MaxTenantLabels", "-1")]
    public void RejectsNonsense(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"Telemetry:{key}"] = value }).Build();

        Assert.Throws<InvalidOperationException>(() => TelemetryOptions.From(configuration));
    }
}

public sealed class TelemetryRedactionTests
{
    [Fact]
    public void UrlsKeepOnlySchemeHostAndPort()
    {
        Assert.Equal("https://acme.pipedrive.com/", TelemetryNames.RedactUrl(new Uri("https://acme.pipedrive.com/api/v2/persons/search?term=anna%40example.com")));
        Assert.Equal("http://127.0.0.1:8080/", TelemetryNames.RedactUrl(new Uri("http://127.0.0.1:8080/1.0/contacts/email/anna@example.com?token=secret")));
        Assert.Equal("", TelemetryNames.RedactUrl(null));
    }

    [Fact]
    public void HttpClientSpansLoseTheirPathAndQuery()
    {
        using var activity = new Activity("http");
        activity.SetTag("url.full", "https://api.maileon.com/1.0/contacts/email/anna@example.com?src=x");
        activity.SetTag("url.path", "/1.0/contacts/email/anna@example.com");
        activity.SetTag("url.query", "src=x");

        TelemetryNames.RedactHttpClientSpan(activity);

        Assert.Equal("https://api.maileon.com/", activity.GetTagItem("url.full"));
        Assert.Null(activity.GetTagItem("url.path"));
        Assert.Null(activity.GetTagItem("url.query"));
    }
}

public sealed class ApiMetricsOutcomeTests
{
    [Theory]
    [InlineData(HttpStatusCode.OK, "ok")]
    [InlineData(HttpStatusCode.Created, "ok")]
    [InlineData(HttpStatusCode.TooManyRequests, "rate_limited")]
    [InlineData(HttpStatusCode.Unauthorized, "unauthorized")]
    [InlineData(HttpStatusCode.Forbidden, "unauthorized")]
    [InlineData(HttpStatusCode.NotFound, "not_found")]
    [InlineData(HttpStatusCode.BadRequest, "client_error")]
    [InlineData(HttpStatusCode.RequestTimeout, "server_error")]
    [InlineData(HttpStatusCode.BadGateway, "server_error")]
    public void ResponsesMapToASmallSetOfOutcomes(HttpStatusCode status, string outcome)
    {
        using var response = new HttpResponseMessage(status);

        Assert.Equal(outcome, ApiMetrics.OutcomeOf(response, null));
    }

    [Fact]
    public void FailuresWithoutAResponseSayWhatKind()
    {
        Assert.Equal("circuit_open", ApiMetrics.OutcomeOf(null, new BrokenCircuitException()));
        Assert.Equal("timeout", ApiMetrics.OutcomeOf(null, new TimeoutRejectedException()));
        Assert.Equal("canceled", ApiMetrics.OutcomeOf(null, new TaskCanceledException()));
        Assert.Equal("network", ApiMetrics.OutcomeOf(null, new HttpRequestException("connection refused")));
    }
}
