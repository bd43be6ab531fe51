using System.Globalization;
using System.Net;
using PipedriveMaileon.IntegrationTests.Contacts;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PipedriveMaileon.IntegrationTests.Operations;

/// <summary>What an operator sees: the web's Prometheus endpoint counts real webhooks, and only operators see it.</summary>
[Collection(SandboxCollection.Name)]
public sealed class TelemetryTests(DeploymentFixture fixture, ITestOutputHelper output)
{
    private SandboxDeployment Deployment => fixture.Deployment;

    [Fact]
    public async Task MetricsCountTheWebhooksOfASubscriptionPerSourceOutcomeAndTenant()
    {
        using var tenant = await SyncedTenant.CreateAsync(Deployment, "Telemetry KG");
        var person = await tenant.CreatePersonAsync("Theo Metric", "theo@telemetry.example");

        await tenant.SetNewsletterAsync(person, "Subscribe");
        await tenant.NewsletterBecomesAsync(person, "Awaiting confirmation");

        var tenantLabel = $"tenant=\"{tenant.CompanyId.ToString(CultureInfo.InvariantCulture)}\"";
        string metrics = "";
        await Eventually.TrueAsync(
            async () =>
            {
                metrics = await Deployment.Web.Http.GetStringAsync("/metrics");
                return PrometheusText.Lines(metrics, "pm_webhooks_received").Any(l => l.Contains("source=\"pipedrive\"", StringComparison.Ordinal) && l.Contains(tenantLabel, StringComparison.Ordinal) && PrometheusText.Value(l) >= 1)
                    && PrometheusText.Lines(metrics, "pm_webhooks_answered").Any(l => l.Contains("source=\"pipedrive\"", StringComparison.Ordinal) && l.Contains("outcome=\"accepted\"", StringComparison.Ordinal) && PrometheusText.Value(l) >= 1);
            },
            TimeSpan.FromSeconds(20),
            () => "No accepted Pipedrive webhook in /metrics:\n" + string.Join('\n', PrometheusText.Lines(metrics, "pm_webhooks")));

        output.WriteLine(string.Join('\n', PrometheusText.Lines(metrics, "pm_webhooks")));
        Assert.Contains(PrometheusText.Lines(metrics, "pm_webhooks_duration"), l => l.Contains("outcome=\"accepted\"", StringComparison.Ordinal));

        // The answered counter carries no tenant (cardinality), and nothing secret appears anywhere.
        Assert.DoesNotContain(PrometheusText.Lines(metrics, "pm_webhooks_answered"), l => l.Contains("tenant=", StringComparison.Ordinal));
        Assert.DoesNotContain(tenant.ApiKey, metrics, StringComparison.Ordinal);
    }
    [Fact]
    public async Task MetricsAndTheOperatorPagesNeedOperatorCredentials()
    {
        using var anonymous = new HttpClient { BaseAddress = Deployment.Web.BaseAddress };
        foreach (var path in new[] { "/metrics", "/ops/tenants" })
        {
            using var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var page = await Deployment.Web.Http.GetAsync("/ops/tenants");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Health", html, StringComparison.Ordinal);
        Assert.Contains("Backlog", html, StringComparison.Ordinal);
    }
}
