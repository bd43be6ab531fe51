using System.Globalization;
using PipedriveMaileon.IntegrationTests.Contacts;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PipedriveMaileon.IntegrationTests.GrainLocations;

/// <summary>
/// A real silo caches grain locations in our cache: its Prometheus listener shows the cache's own gauge growing with a
/// tenant's traffic, and Orleans' directory-cache gauge, which counts by walking every entry whenever a metric reader
/// (the dashboard's, every second) reads it, has no cache to walk.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class GrainLocationCacheDeploymentTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_silo_caches_grain_locations_in_the_cache_whose_size_costs_no_walk()
    {
        var prometheusPort = FreePorts.Next();
        await using var deployment = await SandboxDeployment.StartAsync("grain-locations", silos: 1, configuration: new Dictionary<string, string>
        {
            ["Telemetry__PrometheusPort"] = prometheusPort.ToString(CultureInfo.InvariantCulture),
        });
        using var silo = new HttpClient { BaseAddress = new Uri($"http://localhost:{prometheusPort}/"), Timeout = TimeSpan.FromSeconds(10) };
        using var tenant = await SyncedTenant.CreateAsync(deployment, "Located GmbH");
        var person = await tenant.CreatePersonAsync("Lena Location", "lena@located.example");
        await tenant.SetNewsletterAsync(person, "Subscribe");
        await tenant.NewsletterBecomesAsync(person, "Awaiting confirmation");

        var metrics = "";
        await Eventually.TrueAsync(
            async () =>
            {
                metrics = await silo.GetStringAsync("metrics");
                return Sample(metrics, "pm_silo_grain_locations") >= 1;
            },
            TimeSpan.FromSeconds(20),
            () => "The silo's grain location cache gauge never counted an entry:\n" + string.Join('\n', PrometheusText.Lines(metrics, "pm_silo")));

        output.WriteLine(string.Join('\n', PrometheusText.Lines(metrics, "pm_silo_grain_locations").Concat(PrometheusText.Lines(metrics, "orleans_directory_cache"))));
        Assert.All(PrometheusText.Lines(metrics, "orleans_directory_cache_size"), l => Assert.Equal(0, PrometheusText.Value(l)));
    }

    private static double Sample(string exposition, string name) =>
        PrometheusText.Lines(exposition, name).Select(PrometheusText.Value).DefaultIfEmpty(0).Max();
}
