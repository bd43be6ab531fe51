using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using PipedriveMaileon.IntegrationTests.Security;
using Xunit.Abstractions;

namespace PipedriveMaileon.IntegrationTests.Foundation;

/// <summary>
/// Two silos, two web nodes, real PostgreSQL. A person's webhook through a web node that routes by the directory ring
/// (the default) activates the person where its directory entry is, so the silos send each other no directory requests
/// for it; the same webhooks through a web node with the routing off cost about one (a lookup and a registration, each
/// on the other silo half the time). Read from each silo's own counters (its Prometheus listener).
/// </summary>
public sealed class DirectoryOwnerRoutingTests(ITestOutputHelper output)
{
    private const int Persons = 60;

    [Fact]
    public async Task A_new_persons_lookup_and_registration_stay_in_one_silo_when_its_webhook_enters_there()
    {
        var metricsPorts = new[] { FreePorts.Next(), FreePorts.Next() };
        await using var deployment = await SandboxDeployment.StartAsync("routing", silos: 2,
            siloSettings: i => new Dictionary<string, string> { ["Telemetry__PrometheusPort"] = metricsPorts[i].ToString(CultureInfo.InvariantCulture) });
        var unrouted = await deployment.Cluster.StartWebAsync("web-unrouted", settings: new Dictionary<string, string> { ["Orleans__RouteToDirectoryOwner"] = "false" });
        using var tenant = await SyncedTenant.CreateAsync(deployment, "Ring Ltd");
        var auth = WebhookRequests.Basic(await tenant.Admin.PipedriveWebhookCredentialsAsync());
        using var routedWeb = new WebhookRequests(deployment.Web.BaseAddress);
        using var unroutedWeb = new WebhookRequests(unrouted.BaseAddress);
        using var metrics = new HttpClient();
        var nextPerson = 8_100_000L;

        // Persons without an e-mail address: no address grain, so every directory request counted is the person's own.
        async Task<double> RemoteDirectoryRequestsAsync(WebhookRequests web, int persons)
        {
            var before = await CountAsync(metrics, metricsPorts);
            for (var i = 0; i < persons; i++)
            {
                var body = WebhookRequests.V2Person(tenant.CompanyId, ++nextPerson, tenant.Admin.UserId);
                body["data"]!["emails"] = new JsonArray();
                var answer = await web.PipedriveAsync(tenant.CompanyId, body.ToJsonString(), auth);
                Assert.True(answer.Status == HttpStatusCode.OK, $"{answer.Status}: {answer.Body}");
            }

            return await CountAsync(metrics, metricsPorts) - before;
        }

        // Warm-up through both nodes: the tenant's grains, connections and caches on each silo.
        await RemoteDirectoryRequestsAsync(routedWeb, 10);
        await RemoteDirectoryRequestsAsync(unroutedWeb, 10);

        var routed = await RemoteDirectoryRequestsAsync(routedWeb, Persons);
        var anyGateway = await RemoteDirectoryRequestsAsync(unroutedWeb, Persons);

        output.WriteLine($"remote directory requests for {Persons} new persons: {routed} entering at their directory owner, {anyGateway} entering at any gateway");
        Assert.True(routed <= Persons / 6.0, $"{routed} remote directory requests for {Persons} new persons entering at their directory owner");
        Assert.True(anyGateway >= Persons / 2.0, $"{anyGateway} remote directory requests for {Persons} new persons entering at any gateway");
    }

    /// <summary>Directory requests the silos sent to each other so far (lookups, registrations, unregistrations), summed.</summary>
    private static async Task<double> CountAsync(HttpClient http, IEnumerable<int> ports)
    {
        double total = 0;
        foreach (var port in ports)
        {
            var text = await http.GetStringAsync(new Uri($"http://localhost:{port}/metrics"));
            foreach (var line in text.Split('\n'))
            {
                var name = line.Split('{', ' ')[0];
                if (!line.StartsWith('#') && name.StartsWith("orleans_directory_", StringComparison.Ordinal) && name.EndsWith("_remote_sent_total", StringComparison.Ordinal))
                {
                    total += double.Parse(line[(line.LastIndexOf('}') + 2)..].Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }

        return total;
    }
}
