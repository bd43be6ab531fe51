using System.Net.Http.Json;
using PipedriveMaileon.Grains.Interfaces.Operations;
using PipedriveMaileon.IntegrationTests.Infrastructure;

namespace PipedriveMaileon.IntegrationTests.Foundation;

/// <summary>Two silo processes and a web process on real PostgreSQL; one silo is killed with SIGKILL.</summary>
public sealed class ClusterFailoverTests
{
    private const int Keys = 24;
    private const int MaxKeys = 400;

    [Fact]
    public async Task Calls_through_the_web_keep_working_and_state_survives_when_a_silo_is_killed()
    {
        await using var cluster = await ProcessCluster.CreateAsync("failover");
        var siloA = await cluster.StartSiloAsync("silo-a");
        var siloB = await cluster.StartSiloAsync("silo-b");
        var web = await cluster.StartWebAsync("web");

        // Placement prefers the silo a call enters through, and a silo learns of the other from the membership table
        // within seconds: write keys until both silos hold some (at least Keys, at most MaxKeys).
        var hosts = new Dictionary<string, string>();
        for (var i = 0; i < MaxKeys && (i < Keys || hosts.Values.Distinct().Count() < 2); i++)
        {
            var response = await web.Http.PostAsJsonAsync($"/ops/probe/key-{i}", new { value = $"value-{i}" });
            response.EnsureSuccessStatusCode();
            var record = (await response.Content.ReadFromJsonAsync<ProbeRecord>())!;
            Assert.Equal(1, record.Writes);
            hosts[$"key-{i}"] = record.Silo;
            if (i >= Keys)
            {
                await Task.Delay(50);
            }
        }

        // The grains are spread over both silos, so killing one loses activations that must come back from storage.
        Assert.Equal(2, hosts.Values.Distinct().Count());

        siloA.Kill();
        await siloA.WaitForExitAsync(TimeSpan.FromSeconds(10));

        var survivors = new HashSet<string>();
        for (var i = 0; i < hosts.Count; i++)
        {
            ProbeRecord? record = null;
            await Eventually.TrueAsync(
                async () =>
                {
                    var response = await web.Http.GetAsync($"/ops/probe/key-{i}");
                    record = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<ProbeRecord>() : null;
                    return record is not null;
                },
                TimeSpan.FromSeconds(90),
                () => $"key-{i} unreadable after the kill:\n{siloB.OutputText}");
            Assert.Equal($"value-{i}", record!.Value);
            Assert.Equal(1, record.Writes);
            survivors.Add(record.Silo);
        }

        // Everything is now served by the one silo left.
        Assert.Single(survivors);

        var after = await web.Http.PostAsJsonAsync("/ops/probe/key-0", new { value = "after-kill" });
        after.EnsureSuccessStatusCode();
        var rewritten = (await after.Content.ReadFromJsonAsync<ProbeRecord>())!;
        Assert.Equal(2, rewritten.Writes);
        Assert.Equal("after-kill", rewritten.Value);
        Assert.False(siloB.HasExited);
    }
}
