using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PipedriveMaileon.Sandbox.Tests.Maileon;

/// <summary>Delivery knobs change host-wide behaviour, so these tests share one host and run one after another.</summary>
public sealed class WebhookDeliveryTests(MaileonSandboxFactory factory) : IClassFixture<MaileonSandboxFactory>
{
    [Fact]
    public async Task Without_retries_a_failed_call_is_recorded_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailFirst = 5;
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.RegisterWebhookAsync($"{receiver.BaseUrl}/doi", "doi");
        await Confirm(account, "noretry@example.com");

        await receiver.WaitForAsync(1);
        await DoiLifecycleTests.WaitIdleAsync(account.Control);
        Assert.Single(receiver.Received);
        var delivery = Assert.Single(await account.ControlListAsync("webhook-deliveries"))!;
        Assert.Equal(503, delivery["status"]!.GetValue<int>());
        Assert.False(delivery["willRetry"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Retries_when_switched_on_until_the_receiver_answers_2xx()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailFirst = 2;
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await SetBehaviour(account, new { webhookMaxAttempts = 4, webhookRetryDelaysSeconds = new[] { 1, 2 } });
        try
        {
            await account.RegisterWebhookAsync($"{receiver.BaseUrl}/doi", "doi");
            await Confirm(account, "retry@example.com");
            await receiver.WaitForAsync(3);
            await DoiLifecycleTests.WaitIdleAsync(account.Control);

            var deliveries = await account.ControlListAsync("webhook-deliveries");
            Assert.Equal([503, 503, 200], deliveries.Select(d => d!["status"]!.GetValue<int>()).ToArray());
            Assert.Equal([1, 2, 3], deliveries.Select(d => d!["attempt"]!.GetValue<int>()).ToArray());
            Assert.Equal(3, receiver.Received.Count);
            Assert.All(receiver.Received, r => Assert.Equal(receiver.Received[0].Body, r.Body));
        }
        finally
        {
            await SetBehaviour(account, new { webhookMaxAttempts = 1 });
        }
    }

    [Fact]
    public async Task A_receiver_slower_than_the_timeout_is_recorded_as_timed_out()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Delay = TimeSpan.FromSeconds(3);
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await SetBehaviour(account, new { webhookTimeoutSeconds = 1 });
        try
        {
            await account.RegisterWebhookAsync($"{receiver.BaseUrl}/doi", "doi");
            await Confirm(account, "slow@example.com");
            await DoiLifecycleTests.WaitIdleAsync(account.Control);
            var delivery = Assert.Single(await account.ControlListAsync("webhook-deliveries"))!;
            Assert.Null(delivery["status"]);
            Assert.Contains("timeout", delivery["error"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        finally
        {
            await SetBehaviour(account, new { webhookTimeoutSeconds = 5 });
        }
    }

    [Fact]
    public async Task Unreachable_receiver_is_recorded_and_does_not_stop_later_deliveries()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.RegisterWebhookAsync("http://127.0.0.1:9/unreachable", "doi");
        await account.RegisterWebhookAsync($"{receiver.BaseUrl}/doi", "doi");
        await Confirm(account, "mixed@example.com");
        await receiver.WaitForAsync(1);
        await DoiLifecycleTests.WaitIdleAsync(account.Control);
        var deliveries = await account.ControlListAsync("webhook-deliveries");
        Assert.Contains(deliveries, d => d!["status"] is null && d["error"] is not null);
        Assert.Contains(deliveries, d => d!["status"]?.GetValue<int>() == 200);
    }

    [Fact]
    public async Task A_webhook_without_body_fields_posts_no_body_and_no_content_type()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var response = await account.Api.PostAsync("/1.0/webhooks", MaileonAccountFixture.JsonBody(
            $$"""{"url":"{{receiver.BaseUrl}}/bare?tenant=5","event":"doi","urlParams":[{"name":"email","standard_contact_field":"email"}]}"""));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        await Confirm(account, "bare@example.com");
        var call = Assert.Single(await receiver.WaitForAsync(1));
        Assert.Equal(string.Empty, call.Body);
        Assert.Null(call.ContentType);
        Assert.Equal("?tenant=5&email=bare%40example.com", call.RawQuery);
    }

    private static async Task Confirm(MaileonAccountFixture account, string email)
    {
        await account.CreateContactAsync(email, "permission=1&sync_mode=1&doi=true");
        await account.ControlPostAsync("doi/confirm", new { accountId = account.AccountId, email });
    }

    private static async Task SetBehaviour(MaileonAccountFixture account, object patch) =>
        (await account.Control.PutAsJsonAsync("/_sandbox/maileon/behaviour", patch)).EnsureSuccessStatusCode();
}
