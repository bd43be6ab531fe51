using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PipedriveMaileon.Sandbox.Tests.Maileon;

/// <summary>A tiny HTTP receiver on 127.0.0.1 (Kestrel, free port) that records what the emulator's webhooks send.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();
    private int answeredCalls;

    private WebhookReceiver(WebApplication app)
    {
        this.app = app;
    }

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Status answered to the first <see cref="FailFirst"/> calls; 200 afterwards.</summary>
    public int FailureStatus { get; set; } = 503;

    public int FailFirst { get; set; }

    public TimeSpan Delay { get; set; }

    public IReadOnlyList<ReceivedWebhook> Received => [.. received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseUrl = address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
        return receiver;
    }

    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (received.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(received.Count >= count, $"expected {count} webhook calls, got {received.Count}");
        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        received.Enqueue(new ReceivedWebhook(
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            context.Request.QueryString.Value ?? string.Empty,
            context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
            context.Request.ContentType,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body));
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted);
        }

        context.Response.StatusCode = Interlocked.Increment(ref answeredCalls) <= FailFirst ? FailureStatus : StatusCodes.Status200OK;
    }
}
