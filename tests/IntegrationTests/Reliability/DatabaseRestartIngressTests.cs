using Npgsql;
using PipedriveMaileon.IntegrationTests.Contacts;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using PipedriveMaileon.IntegrationTests.Security;
using Xunit.Abstractions;

namespace PipedriveMaileon.IntegrationTests.Reliability;

/// <summary>
/// PostgreSQL restarts (every connection killed, 1 s down) while a tenant's webhooks keep activating new person grains,
/// each of which reads its state first: no webhook is answered with a failure (Pipedrive would count it toward a
/// ban), and every event is stored. The reads ride out the restart, and the web tier repeats a call that failed
/// before anything was recorded.
/// </summary>
[Collection(SandboxCollection.Name)] // runs alone: the restart takes the test server down for everyone
public sealed class DatabaseRestartIngressTests(ITestOutputHelper output)
{
    private const int Events = 240;
    private const double PerSecond = 30;

    [Fact]
    public async Task A_database_restart_while_webhooks_activate_grains_fails_no_webhook()
    {
        await using var deployment = await SandboxDeployment.StartAsync("pgrestart", silos: 1);
        using var tenant = await SyncedTenant.CreateAsync(deployment, "Restart Ltd");
        var auth = WebhookRequests.Basic(await tenant.Admin.PipedriveWebhookCredentialsAsync());
        using var http = new HttpClient { BaseAddress = deployment.Web.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var storedBefore = await WebhookTraffic.ContactRowsAsync(deployment, tenant.CompanyId);

        // Every event is a person the silo has not seen: its grain activates and reads PostgreSQL first.
        var sending = PacedSender.RunAsync(Events, PerSecond, 16, n =>
            WebhookTraffic.PostAsync(http, $"/webhooks/pipedrive/{tenant.CompanyId}", WebhookRequests.V2Person(tenant.CompanyId, 8_000_000 + n, tenant.Admin.UserId).ToJsonString(), auth));
        await Task.Delay(TimeSpan.FromSeconds(2));
        await TestPostgres.RestartServerAsync(TimeSpan.FromSeconds(1));
        var answers = await sending;
        NpgsqlConnection.ClearAllPools(); // this process's own connections died with the restart

        var arrived = await WebhookTraffic.ContactRowsAsync(deployment, tenant.CompanyId) - storedBefore;
        var waited = answers.Count(a => a.Elapsed > TimeSpan.FromMilliseconds(500));
        output.WriteLine($"{answers.Count} webhooks: {string.Join(", ", answers.GroupBy(a => a.Code).OrderBy(g => g.Key).Select(g => $"{g.Key} x{g.Count()}"))}; " +
            $"{waited} waited out the restart (> 500 ms), slowest {answers.Max(a => a.Elapsed).TotalMilliseconds:0} ms; {arrived} persons stored");
        Assert.True(waited > 0, "no webhook met the restart");
        Assert.All(answers, a => Assert.Equal(200, a.Code));
        Assert.Equal(Events, arrived);
    }
}
