using System.Net;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PipedriveMaileon.ServiceDefaults.Health;

namespace PipedriveMaileon.Silo.Hosting;

/// <summary>
/// The silo has no Kestrel: this small listener on <c>Health:Port</c> answers <c>/health/live</c> (the process answers)
/// and <c>/health/ready</c> (database reachable and this silo an active cluster member) with the same bodies as the web
/// front end, so orchestrators can probe silos too.
/// </summary>
public sealed partial class SiloHealthListener(HealthCheckService health, IOptions<SiloHealthOptions> options, ILogger<SiloHealthListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://*:{options.Value.Port}/");
        listener.Start();
        LogListening(options.Value.Port);
        using var stop = stoppingToken.Register(listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException && stoppingToken.IsCancellationRequested)
            {
                return;
            }

            _ = AnswerAsync(context, stoppingToken);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context, CancellationToken cancellationToken)
    {
        var response = context.Response;
        try
        {
            var path = context.Request.Url?.AbsolutePath;
            HealthStatus? status = path switch
            {
                HealthChecksSetup.LivePath => HealthStatus.Healthy,
                HealthChecksSetup.ReadyPath => (await health.CheckHealthAsync(HealthChecksSetup.IsReadinessCheck, cancellationToken)).Status,
                _ => null,
            };
            response.StatusCode = status switch
            {
                null => (int)HttpStatusCode.NotFound,
                HealthStatus.Healthy => (int)HttpStatusCode.OK,
                _ => (int)HttpStatusCode.ServiceUnavailable,
            };
            response.ContentType = "text/plain";
            response.Headers["Cache-Control"] = "no-store";
            var body = Encoding.UTF8.GetBytes(status is { } s ? HealthChecksSetup.StatusText(s) : "not found");
            await response.OutputStream.WriteAsync(body, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or OperationCanceledException)
        {
            // The prober went away or the silo is stopping: nobody is left to answer.
        }
        finally
        {
            response.Close();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Health endpoints listening on port {Port} (/health/live, /health/ready)")]
    private partial void LogListening(int port);
}
