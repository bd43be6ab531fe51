using System.Text;
using System.Threading.Channels;
using PipedriveMaileon.Sandbox.Common;

namespace PipedriveMaileon.Sandbox.Maileon.Webhooks;

/// <summary>
/// Sends webhook calls in the background: POST, <c>Content-Type: application/json</c> when there is a body, the
/// configured timeout (Maileon: 5 s), optional retries. Every attempt is recorded. Never throws out of its loop and
/// stops with the host.
/// </summary>
public sealed class WebhookDispatcher(
    MaileonStore store,
    IHttpClientFactory httpClientFactory,
    SandboxClock clock,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "maileon-webhooks";
    private const int MaxConcurrentCalls = 16;

    private readonly Channel<WebhookCall> queue = Channel.CreateUnbounded<WebhookCall>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim concurrency = new(MaxConcurrentCalls);
    private int pending;

    /// <summary>Calls queued, being sent or waiting for a retry (tests wait for this to reach zero).</summary>
    public int Pending => Volatile.Read(ref pending);

    public void Enqueue(IEnumerable<WebhookCall> calls)
    {
        foreach (var call in calls)
        {
            Interlocked.Increment(ref pending);
            if (!queue.Writer.TryWrite(call))
            {
                Interlocked.Decrement(ref pending);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        try
        {
            await foreach (var call in queue.Reader.ReadAllAsync(stoppingToken))
            {
                await concurrency.WaitAsync(stoppingToken);
                running.RemoveAll(t => t.IsCompleted);
                running.Add(Task.Run(() => DeliverAsync(call, stoppingToken), CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(running);
    }

    private async Task DeliverAsync(WebhookCall call, CancellationToken stoppingToken)
    {
        try
        {
            var maxAttempts = store.Behaviour.WebhookMaxAttempts;
            for (var attempt = 1; attempt <= maxAttempts && !stoppingToken.IsCancellationRequested; attempt++)
            {
                if (!IsCurrent(call))
                {
                    return;
                }

                var (status, error, elapsed) = await SendAsync(call, stoppingToken);
                var succeeded = status is >= 200 and < 300;
                var willRetry = !succeeded && attempt < maxAttempts;
                lock (store.Gate)
                {
                    if (store.Generation != call.Generation)
                    {
                        return;
                    }

                    store.RecordDelivery(new WebhookDelivery
                    {
                        WebhookId = call.WebhookId,
                        AccountId = call.AccountId,
                        Event = call.Event,
                        ContactId = call.ContactId,
                        Url = call.Url,
                        Body = call.Body,
                        Attempt = attempt,
                        SentAt = clock.UtcNow,
                        Status = status,
                        Error = error,
                        DurationMs = elapsed.TotalMilliseconds,
                        WillRetry = willRetry,
                    });
                }

                if (!willRetry)
                {
                    return;
                }

                await clock.Delay(RetryDelay(attempt), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Maileon webhook {WebhookId} ({Event}) could not be processed", call.WebhookId, call.Event);
        }
        finally
        {
            Interlocked.Decrement(ref pending);
            concurrency.Release();
        }
    }

    private async Task<(int? Status, string? Error, TimeSpan Elapsed)> SendAsync(WebhookCall call, CancellationToken stoppingToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, call.Url);
        if (call.Body is not null)
        {
            // Exactly "application/json" (docs: "Webhooks – Outgoing", Technical Details); the older page said
            // "application/json; charset=UTF-8", so receivers should accept both.
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(call.Body));
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        return await WebhookPost.SendAsync(httpClientFactory.CreateClient(HttpClientName), request, store.Behaviour.WebhookTimeoutSeconds, stoppingToken);
    }

    private bool IsCurrent(WebhookCall call)
    {
        lock (store.Gate)
        {
            return store.Generation == call.Generation;
        }
    }

    private TimeSpan RetryDelay(int attempt)
    {
        var delays = store.Behaviour.WebhookRetryDelaysSeconds;
        var seconds = delays.Count == 0 ? 30 : delays[Math.Min(attempt - 1, delays.Count - 1)];
        return TimeSpan.FromSeconds(seconds);
    }

    public override void Dispose()
    {
        concurrency.Dispose();
        base.Dispose();
    }
}
