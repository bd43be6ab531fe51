using System.Net;
using System.Net.Sockets;
using System.Text;
using PipedriveMaileon.LoadGenerator.Measurement;

namespace PipedriveMaileon.LoadGenerator.Tests;

public sealed class SiloCountersTests
{
    /// <summary>Lines as a silo's Prometheus listener writes them (OpenTelemetry's exporter, Orleans 10's instruments).</summary>
    private static string Exposition(double scale) => $$"""
        # TYPE orleans_messaging_sent_messages_size_bytes_count counter
        orleans_messaging_sent_messages_size_bytes_count{otel_scope_name="Microsoft.Orleans",ConnectionDirection="GatewayToClient",MessageDirection="Response"} {{900 * scale}} 1765000000000
        orleans_messaging_sent_messages_size_bytes_count{otel_scope_name="Microsoft.Orleans",ConnectionDirection="SiloToSilo",MessageDirection="Request",silo="S127.0.0.1:21597:155666085"} {{30 * scale}} 1765000000000
        orleans_messaging_sent_messages_size_bytes_count{otel_scope_name="Microsoft.Orleans",ConnectionDirection="SiloToSilo",MessageDirection="Request",silo="S127.0.0.1:24700:155666085"} {{20 * scale}} 1765000000000
        orleans_messaging_sent_messages_size_bytes_count{otel_scope_name="Microsoft.Orleans",ConnectionDirection="SiloToSilo",MessageDirection="Response",silo="S127.0.0.1:24700:155666085"} {{40 * scale}} 1765000000000
        orleans_messaging_sent_messages_size_bytes_count{otel_scope_name="Microsoft.Orleans",ConnectionDirection="SiloToSilo",MessageDirection="OneWay",silo="S127.0.0.1:24700:155666085"} {{7 * scale}} 1765000000000
        # TYPE orleans_directory_lookups_remote_sent_total counter
        orleans_directory_lookups_remote_sent_total{otel_scope_name="Microsoft.Orleans"} {{15 * scale}} 1765000000000
        orleans_directory_lookups_remote_received_total{otel_scope_name="Microsoft.Orleans"} {{99 * scale}} 1765000000000
        orleans_directory_registrations_single_act_remote_sent_total{otel_scope_name="Microsoft.Orleans"} {{16 * scale}} 1765000000000
        orleans_directory_unregistrations_many_remote_sent_total{otel_scope_name="Microsoft.Orleans"} {{2 * scale}} 1765000000000
        orleans_directory_registrations_single_act_local_total{otel_scope_name="Microsoft.Orleans"} {{50 * scale}} 1765000000000
        # TYPE dotnet_gc_pause_time_seconds_total counter
        dotnet_gc_pause_time_seconds_total{otel_scope_name="System.Runtime"} {{0.25 * scale}} 1765000000000
        # EOF
        """;

    [Fact]
    public void Counts_requests_sent_to_other_silos_the_directory_s_among_them_and_gc_pauses()
    {
        var traffic = SiloCounters.Parse(Exposition(1));

        Assert.Equal(50, traffic.RemoteRequests); // requests only: no responses, no one-way messages, nothing to clients
        Assert.Equal(33, traffic.DirectoryRequests); // sent, not received; remote, not local
        Assert.Equal(0.25, traffic.GcPauseSeconds, 6);
        Assert.Equal(SiloTraffic.None, SiloCounters.Parse("# a single silo has sent nothing to another yet\n"));
    }

    /// <summary>Each read of the fake silo's listener reports ten times its reads so far; the meter must count only its running stretches.</summary>
    [Fact]
    public async Task The_meter_counts_the_silos_traffic_only_while_running_and_per_webhook()
    {
        using var silo = new FakeSilo();
        using var counters = new SiloCounters([silo.Url]);
        var meter = new CostMeter([], [], null, null, counters);

        await meter.StartAsync(); // read 1
        await meter.PauseAsync(); // read 2
        Assert.Equal(3 * 10 * 50, (await counters.ReadAsync())!.RemoteRequests, 6); // read 3, while the meter is paused
        await meter.ResumeAsync(); // read 4
        await meter.PauseAsync(); // read 5
        var cost = await meter.CostAsync(acknowledged: 10);

        // (2 - 1) + (5 - 4) reads' worth: 2 x 10 x 50 requests, 2 x 10 x 33 directory, 2 x 10 x 0.25 s of GC pause; per webhook of 10.
        Assert.Equal(100, cost.SiloRemoteRequests!.Value, 6);
        Assert.Equal(66, cost.DirectoryRequests!.Value, 6);
        Assert.Equal(500, cost.SiloGcPauseMs!.Value, 6);
    }

    [Fact]
    public async Task A_silo_that_does_not_answer_leaves_the_phase_without_counts()
    {
        using var silo = new FakeSilo();
        using var counters = new SiloCounters([silo.Url, new Uri($"http://127.0.0.1:{FreePort()}/metrics")]);
        var meter = new CostMeter([], [], null, null, counters);

        await meter.StartAsync();
        await meter.PauseAsync();
        var cost = await meter.CostAsync(acknowledged: 10);

        Assert.Null(cost.SiloRemoteRequests);
        Assert.Null(cost.DirectoryRequests);
        Assert.Null((await new CostMeter([], [], null, null).CostAsync(1)).SiloRemoteRequests); // no counters given
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private sealed class FakeSilo : IDisposable
    {
        private readonly HttpListener listener = new();
        private int reads;

        public FakeSilo()
        {
            var port = FreePort();
            listener.Prefixes.Add($"http://localhost:{port}/");
            listener.Start();
            Url = new Uri($"http://localhost:{port}/metrics");
            _ = ServeAsync();
        }

        public Uri Url { get; }

        public void Dispose() => listener.Close();

        private async Task ServeAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                var body = Encoding.UTF8.GetBytes(Exposition(10 * Interlocked.Increment(ref reads)));
                context.Response.ContentType = "text/plain; version=0.0.4";
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        }
    }
}
