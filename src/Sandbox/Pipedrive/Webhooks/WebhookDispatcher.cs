using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using PipedriveMaileon.Sandbox.Common;
using PipedriveMaileon.Sandbox.Pipedrive.Model;

namespace PipedriveMaileon.Sandbox.Pipedrive.Webhooks;

/// <summary>
/// Turns entity changes into webhook calls for every matching webhook and sends them in the background: POST JSON,
/// Basic auth from the registration, 10 s timeout, retries after 3, 30 and 150 s (scaled), a 30-minute ban after 10
/// failed first attempts (events are dropped while banned). Honours the <see cref="DeliveryBehaviour"/> knobs.
/// </summary>
public sealed class WebhookDispatcher(
    PipedriveStore store,
    IHttpClientFactory httpClientFactory,
    SandboxClock clock,
    IOptions<PipedriveEmulatorOptions> options,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "pipedrive-webhooks";
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(150)];

    private readonly Channel<WebhookCall> queue = Channel.CreateUnbounded<WebhookCall>(new UnboundedChannelOptions { SingleReader = true });
    private int pending;

    /// <summary>Calls queued, being sent or waiting for a retry (tests wait for this to reach zero).</summary>
    public int Pending => Volatile.Read(ref pending);

    /// <summary>Builds the payload for every webhook of the company that matches the change and queues it.</summary>
    public void Publish(EntityChange change)
    {
        var calls = new List<WebhookCall>();
        lock (store.Gate)
        {
            var company = store.FindCompany(change.CompanyId);
            foreach (var webhook in store.Webhooks.Where(w => w.CompanyId == change.CompanyId && Matches(w, change)).OrderBy(w => w.Id))
            {
                var eventId = Guid.NewGuid().ToString();
                var payload = webhook.Version == "1.0" ? V1Payload(change, webhook, company) : V2Payload(change, webhook, company, eventId);
                calls.Add(new WebhookCall(webhook.Id, change.CompanyId, eventId, $"{change.Action}.{change.Entity}", change.EntityId,
                    webhook.SubscriptionUrl, webhook.Version, webhook.HttpAuthUser, webhook.HttpAuthPassword, payload, store.Generation));
            }
        }

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
        try
        {
            await foreach (var first in queue.Reader.ReadAllAsync(stoppingToken))
            {
                var batch = new List<WebhookCall> { first };
                var behaviour = store.Delivery;
                if (behaviour.Shuffle)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, behaviour.ShuffleWindowMs)), stoppingToken);
                    while (queue.Reader.TryRead(out var more))
                    {
                        batch.Add(more);
                    }

                    Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(batch));
                }

                foreach (var call in batch)
                {
                    await WhilePausedAsync(stoppingToken);
                    if (store.Delivery.Duplicate)
                    {
                        Interlocked.Increment(ref pending);
                        _ = Task.Run(() => DeliverAsync(call with { Duplicate = true }, stoppingToken), CancellationToken.None);
                    }

                    _ = Task.Run(() => DeliverAsync(call, stoppingToken), CancellationToken.None);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static bool Matches(Webhook webhook, EntityChange change)
    {
        var objectMatches = webhook.EventObject == "*" || webhook.EventObject == change.Entity;
        var action = webhook.EventAction;
        var actionMatches = action == "*" || action == change.Action
            || (webhook.Version == "1.0" && action == change.V1Action)
            || (action == "added" && change.Action == "create") || (action == "updated" && change.Action == "change")
            || (action == "deleted" && change.Action == "delete");
        return objectMatches && actionMatches;
    }

    private static string Host(Company? company) => $"{company?.Domain ?? "sandbox"}.pipedrive.com";

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static JsonObject V2Payload(EntityChange change, Webhook webhook, Company? company, string eventId)
    {
        var meta = new JsonObject
        {
            ["action"] = change.Action,
            ["entity"] = change.Entity,
            ["company_id"] = Id(change.CompanyId),
            ["correlation_id"] = Guid.NewGuid().ToString(),
            ["entity_id"] = Id(change.EntityId),
            ["id"] = eventId,
            ["is_bulk_edit"] = false,
            ["timestamp"] = Wire.PipedriveTime.Millis(change.Timestamp),
            ["type"] = webhook.Type,
            ["user_id"] = Id(change.UserId),
            ["version"] = "2.0",
            ["webhook_id"] = Id(webhook.Id),
            ["webhook_owner_id"] = Id(webhook.OwnerId),
            ["change_source"] = change.ChangeSource,
            ["permitted_user_ids"] = new JsonArray(Id(webhook.UserId)),
            ["attempt"] = 1,
            ["host"] = Host(company),
        };
        if (change.MergedToId is { } mergedTo)
        {
            meta["merged_to_id"] = Id(mergedTo);
        }

        if (change.MergedFromId is { } mergedFrom)
        {
            meta["merged_from_id"] = Id(mergedFrom);
        }

        return new JsonObject
        {
            ["data"] = change.Data?.DeepClone(),
            ["previous"] = change.Previous?.DeepClone(),
            ["meta"] = meta,
        };
    }

    private static JsonObject V1Payload(EntityChange change, Webhook webhook, Company? company)
    {
        var micro = change.Timestamp.ToUnixTimeMilliseconds() * 1000;
        var meta = new JsonObject
        {
            ["v"] = 1,
            ["action"] = change.V1Action,
            ["object"] = change.Entity,
            ["id"] = change.EntityId,
            ["company_id"] = change.CompanyId,
            ["user_id"] = change.UserId,
            ["host"] = Host(company),
            ["timestamp"] = change.Timestamp.ToUnixTimeSeconds(),
            ["timestamp_micro"] = micro,
            ["permitted_user_ids"] = new JsonArray(webhook.UserId),
            ["trans_pending"] = false,
            ["is_bulk_update"] = false,
            ["pipedrive_service_name"] = false,
            ["change_source"] = change.ChangeSource,
            ["webhook_id"] = Id(webhook.Id),
            ["matches_filters"] = new JsonObject { ["current"] = new JsonArray() },
        };
        return new JsonObject
        {
            ["v"] = 1,
            ["matches_filters"] = new JsonObject { ["current"] = new JsonArray() },
            ["meta"] = meta,
            ["current"] = change.CurrentV1?.DeepClone(),
            ["previous"] = change.PreviousV1?.DeepClone(),
            ["retry"] = 0,
            ["event"] = $"{change.V1Action}.{change.Entity}",
        };
    }

    private async Task WhilePausedAsync(CancellationToken stoppingToken)
    {
        while (store.Delivery.Paused)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), stoppingToken);
        }
    }

    private async Task DeliverAsync(WebhookCall call, CancellationToken stoppingToken)
    {
        try
        {
            if (store.Delivery.DelayMs > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(store.Delivery.DelayMs), stoppingToken);
            }

            for (var attempt = 1; attempt <= RetryDelays.Length + 1; attempt++)
            {
                await WhilePausedAsync(stoppingToken);
                var body = call.BodyFor(attempt);
                lock (store.Gate)
                {
                    if (store.Generation != call.Generation || store.FindWebhook(call.WebhookId) is not { } webhook)
                    {
                        return;
                    }

                    if (attempt == 1 && webhook.IsBanned(clock.UtcNow))
                    {
                        store.RecordDelivery(Record(call, attempt, body, null, "dropped: webhook banned", 0, false, dropped: true));
                        return;
                    }
                }

                var (status, error, elapsed) = await SendAsync(call, body, stoppingToken);
                var succeeded = status is >= 200 and < 300;
                var willRetry = !succeeded && attempt <= RetryDelays.Length;
                lock (store.Gate)
                {
                    if (store.Generation != call.Generation)
                    {
                        return;
                    }

                    store.RecordDelivery(Record(call, attempt, body, status, error, elapsed.TotalMilliseconds, willRetry));
                    if (store.FindWebhook(call.WebhookId) is { } webhook)
                    {
                        webhook.LastDeliveryTime = clock.UtcNow;
                        webhook.LastHttpStatus = status;
                        if (attempt == 1 && !succeeded && !call.Duplicate && ++webhook.FailedFirstAttempts >= options.Value.WebhookBanThreshold)
                        {
                            webhook.FailedFirstAttempts = 0;
                            webhook.BannedUntil = clock.UtcNow + clock.Scale(TimeSpan.FromMinutes(options.Value.WebhookBanMinutes));
                        }
                    }
                }

                if (!willRetry)
                {
                    return;
                }

                await clock.Delay(RetryDelays[attempt - 1], stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Pipedrive webhook {WebhookId} ({Event}) could not be processed", call.WebhookId, call.Event);
        }
        finally
        {
            Interlocked.Decrement(ref pending);
        }
    }

    private DeliveryRecord Record(WebhookCall call, int attempt, string body, int? status, string? error, double durationMs, bool willRetry, bool dropped = false) => new()
    {
        WebhookId = call.WebhookId,
        CompanyId = call.CompanyId,
        EventId = call.EventId,
        Event = call.Event,
        EntityId = call.EntityId,
        Url = call.Url,
        Attempt = attempt,
        SentAt = clock.UtcNow,
        Status = status,
        Error = error,
        DurationMs = durationMs,
        WillRetry = willRetry,
        Duplicate = call.Duplicate,
        Dropped = dropped,
        Body = body,
    };

    private async Task<(int? Status, string? Error, TimeSpan Elapsed)> SendAsync(WebhookCall call, string body, CancellationToken stoppingToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, call.Url);
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", "Pipedrive Webhooks");
        request.Headers.Accept.ParseAdd("application/json, text/plain, */*");
        if (call.AuthUser is not null || call.AuthPassword is not null)
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{call.AuthUser}:{call.AuthPassword}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        }

        return await WebhookPost.SendAsync(httpClientFactory.CreateClient(HttpClientName), request, options.Value.WebhookTimeoutSeconds, stoppingToken);
    }
}
