using System.Globalization;
using System.Net;
using Npgsql;
using PipedriveMaileon.IntegrationTests.Infrastructure;

namespace PipedriveMaileon.IntegrationTests.Foundation;

/// <summary>
/// The silo's own health endpoints (<c>Health:Port</c>) and <c>PipedriveMaileon.Silo probe</c>, which container
/// healthchecks run: ready while the silo is an active member, not ready once it is gone. Once active, it has registered
/// the cluster's outbox sweeper reminder, which wakes grains with overdue outbox work.
/// </summary>
public sealed class SiloHealthTests
{
    [Fact]
    public async Task A_silo_answers_on_its_health_port_registers_the_outbox_sweeper_and_probe_follows_its_readiness()
    {
        await using var cluster = await ProcessCluster.CreateAsync("silohealth");
        var port = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        cluster.With("Health__Port", port);
        var silo = await cluster.StartSiloAsync("silo-health");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };

        await Eventually.TrueAsync(async () => (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), () => "the active silo never reported ready:\n" + silo.OutputText);
        Assert.Equal("ok", await http.GetStringAsync("/health/ready"));
        Assert.Equal("ok", await http.GetStringAsync("/health/live"));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/metrics")).StatusCode);
        Assert.Equal(0, await ProbeAsync(cluster, port, "probe-ready"));
        await Eventually.TrueAsync(async () => await SweeperRemindersAsync(cluster) == 1,
            TimeSpan.FromSeconds(30), () => "the outbox sweeper's reminder was never registered:\n" + silo.OutputText);

        await silo.StopAsync(TimeSpan.FromSeconds(40));
        Assert.Equal(1, await ProbeAsync(cluster, port, "probe-stopped"));
    }

    private static async Task<long> SweeperRemindersAsync(ProcessCluster cluster)
    {
        await using var dataSource = NpgsqlDataSource.Create(cluster.ConnectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT count(*) FROM orleansreminderstable WHERE remindername = 'sweep' AND grainid LIKE 'outboxsweeper/%'");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<int> ProbeAsync(ProcessCluster cluster, string port, string name)
    {
        var probe = cluster.StartProgram(name, "Silo", new() { ["Health__Port"] = port }, "probe");
        var status = await probe.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.Contains($"http://127.0.0.1:{port}/health/ready", probe.OutputText, StringComparison.Ordinal);
        return status;
    }
}
