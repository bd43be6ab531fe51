using System.Text;
using System.Text.Json.Nodes;
using PipedriveMaileon.Sandbox.Tests.Maileon;

namespace PipedriveMaileon.Sandbox.Tests.Pipedrive;

/// <summary>Webhook delivery to a real local receiver: v2/v1 shapes, Basic auth, retries, ban, duplicate/shuffle knobs, merge.</summary>
public sealed class WebhookDeliveryTests(PipedriveSandboxFactory factory) : IClassFixture<PipedriveSandboxFactory>, IAsyncLifetime
{
    private readonly SandboxSession session = new(factory.CreateClient());
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task Api_and_app_writes_arrive_as_v2_events_with_basic_auth()
    {
        var (company, token) = await NewCompanyAsync("V2 AG");
        var field = JsonNode.Parse((await session.ApiAsync(token, HttpMethod.Post, "/api/v1/personFields",
            new { name = "Newsletter", field_type = "enum", options = new[] { new { label = "Subscribe" }, new { label = "Unsubscribed" } } })).Body)!["data"]!;
        var key = field["key"]!.GetValue<string>();
        var webhookId = await session.CreateWebhookAsync(token, receiver.BaseUrl + "/hooks/person", entity: "person");

        var created = JsonNode.Parse((await session.ApiAsync(token, HttpMethod.Post, "/api/v2/persons",
            new { name = "Hook Person", emails = new[] { new { value = "hook@example.test" } } })).Body)!["data"]!;
        var personId = created["id"]!.GetValue<long>();
        await session.ControlAsync(HttpMethod.Post, $"/persons/{personId}/custom-field", new { field = "Newsletter", option = "Subscribe" });

        var calls = await receiver.WaitForAsync(2);
        var create = JsonNode.Parse(calls.Single(c => c.Body.Contains("\"action\":\"create\"", StringComparison.Ordinal)).Body)!;
        var change = JsonNode.Parse(calls.Single(c => c.Body.Contains("\"action\":\"change\"", StringComparison.Ordinal)).Body)!;
        var first = calls[0];
        Assert.Equal("POST", first.Method);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("hook:s3cret")), first.Headers["Authorization"]);
        Assert.StartsWith("application/json", first.ContentType, StringComparison.Ordinal);

        var meta = create["meta"]!;
        Assert.Equal("2.0", meta["version"]!.GetValue<string>());
        Assert.Equal("person", meta["entity"]!.GetValue<string>());
        Assert.Equal(personId.ToString(System.Globalization.CultureInfo.InvariantCulture), meta["entity_id"]!.GetValue<string>());
        Assert.Equal(company.ToString(System.Globalization.CultureInfo.InvariantCulture), meta["company_id"]!.GetValue<string>());
        Assert.Equal(webhookId.ToString(System.Globalization.CultureInfo.InvariantCulture), meta["webhook_id"]!.GetValue<string>());
        Assert.Equal("api", meta["change_source"]!.GetValue<string>());
        Assert.Equal(1, meta["attempt"]!.GetValue<int>());
        Assert.True(Guid.TryParse(meta["id"]!.GetValue<string>(), out _));
        Assert.False(meta["is_bulk_edit"]!.GetValue<bool>());
        Assert.Null(create["previous"]);
        Assert.Equal("3", create["data"]!["visible_to"]!.GetValue<string>());
        Assert.Equal(personId, create["data"]!["id"]!.GetValue<long>());

        Assert.Equal("app", change["meta"]!["change_source"]!.GetValue<string>());
        var option = field["options"]![0]!["id"]!.GetValue<long>();
        Assert.Equal("enum", change["data"]!["custom_fields"]![key]!["type"]!.GetValue<string>());
        Assert.Equal(option, change["data"]!["custom_fields"]![key]!["id"]!.GetValue<long>());
        var previous = change["previous"]!.AsObject();
        Assert.Equal(["custom_fields"], previous.Select(p => p.Key));
        Assert.Null(previous["custom_fields"]![key]);
        Assert.NotEqual(meta["id"]!.GetValue<string>(), change["meta"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Failed_deliveries_are_retried_with_attempt_numbers_and_logged()
    {
        var (_, token) = await NewCompanyAsync("Retry AG");
        var webhookId = await session.CreateWebhookAsync(token, receiver.BaseUrl + "/hooks/retry", entity: "person");
        receiver.FailFirst = 3;
        await session.ApiAsync(token, HttpMethod.Post, "/api/v2/persons", new { name = "Retry Person" });

        var calls = await receiver.WaitForAsync(4);
        Assert.Equal([1, 2, 3, 4], calls.Select(c => JsonNode.Parse(c.Body)!["meta"]!["attempt"]!.GetValue<int>()));
        Assert.Single(calls.Select(c => JsonNode.Parse(c.Body)!["meta"]!["id"]!.GetValue<string>()).Distinct());
        await session.WaitIdleAsync();
        var log = (await session.ControlAsync(HttpMethod.Get, $"/deliveries?webhookId={webhookId}")).AsArray();
        Assert.Equal([503, 503, 503, 200], log.Select(d => d!["status"]!.GetValue<int>()));
        Assert.All(log, d => Assert.False(string.IsNullOrEmpty(d!["body"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Ten_failed_first_attempts_ban_the_webhook_and_drop_events()
    {
        var (company, token) = await NewCompanyAsync("Ban AG");
        var webhookId = await session.CreateWebhookAsync(token, receiver.BaseUrl + "/hooks/ban", action: "create", entity: "person");
        receiver.FailFirst = int.MaxValue;
        for (var i = 0; i < 10; i++)
        {
            await session.ControlAsync(HttpMethod.Post, $"/companies/{company}/persons", new { name = $"Ban {i}" });
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await session.ControlAsync(HttpMethod.Get, $"/webhooks?companyId={company}"))[0]!["is_active"]!.GetValue<int>() != 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, (await session.ControlAsync(HttpMethod.Get, $"/webhooks?companyId={company}"))[0]!["is_active"]!.GetValue<int>());
        await session.ControlAsync(HttpMethod.Post, $"/companies/{company}/persons", new { name = "Lost" });
        await session.WaitIdleAsync();
        var log = (await session.ControlAsync(HttpMethod.Get, $"/deliveries?webhookId={webhookId}")).AsArray();
        Assert.Single(log, d => d!["dropped"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Duplicate_and_shuffle_knobs_and_v1_payloads()
    {
        var (company, token) = await NewCompanyAsync("Knobs AG");
        await session.CreateWebhookAsync(token, receiver.BaseUrl + "/hooks/v1", action: "create", entity: "deal", user: null, password: null, version: "1.0");
        await session.ControlAsync(HttpMethod.Put, "/delivery", new { duplicate = true, shuffle = true, shuffleWindowMs = 50 });
        try
        {
            for (var i = 0; i < 3; i++)
            {
                await session.ControlAsync(HttpMethod.Post, $"/companies/{company}/deals", new { title = $"Deal {i}" });
            }

            var calls = await receiver.WaitForAsync(6);
            await session.WaitIdleAsync();
            Assert.Equal(6, receiver.Received.Count);
            var bodies = calls.Select(c => JsonNode.Parse(c.Body)!).ToList();
            Assert.All(bodies, b => Assert.Equal("added.deal", b["event"]!.GetValue<string>()));
            Assert.All(bodies, b => Assert.Equal(1, b["meta"]!["v"]!.GetValue<int>()));
            Assert.All(calls, c => Assert.False(c.Headers.ContainsKey("Authorization")));
            Assert.Equal(3, bodies.Select(b => b["current"]!["id"]!.GetValue<long>()).Distinct().Count());
        }
        finally
        {
            await session.ControlAsync(HttpMethod.Put, "/delivery", new { duplicate = false, shuffle = false });
        }
    }

    [Fact]
    public async Task Merge_emits_delete_with_merged_to_id_and_change_with_merged_from_id()
    {
        var (company, token) = await NewCompanyAsync("Merge AG");
        await session.CreateWebhookAsync(token, receiver.BaseUrl + "/hooks/merge", entity: "person");
        var a = (await session.ControlAsync(HttpMethod.Post, $"/companies/{company}/persons", new { name = "Keep", emails = new[] { "keep@example.test" } }))["id"]!.GetValue<long>();
        var b = (await session.ControlAsync(HttpMethod.Post, $"/companies/{company}/persons", new { name = "Gone", emails = new[] { "gone@example.test" } }))["id"]!.GetValue<long>();
        await receiver.WaitForAsync(2);
        await session.ControlAsync(HttpMethod.Post, "/persons/merge", new { fromId = b, toId = a });

        var calls = (await receiver.WaitForAsync(4)).Skip(2).Select(c => JsonNode.Parse(c.Body)!).ToList();
        var delete = calls.Single(c => c["meta"]!["action"]!.GetValue<string>() == "delete");
        var change = calls.Single(c => c["meta"]!["action"]!.GetValue<string>() == "change");
        Assert.Equal(a.ToString(System.Globalization.CultureInfo.InvariantCulture), delete["meta"]!["merged_to_id"]!.GetValue<string>());
        Assert.Null(delete["data"]);
        Assert.Equal("Gone", delete["previous"]!["name"]!.GetValue<string>());
        Assert.Equal(b.ToString(System.Globalization.CultureInfo.InvariantCulture), change["meta"]!["merged_from_id"]!.GetValue<string>());
        Assert.Equal(2, change["data"]!["emails"]!.AsArray().Count);
    }

    private async Task<(long Company, string Token)> NewCompanyAsync(string name)
    {
        var company = (await session.ControlAsync(HttpMethod.Post, "/companies", new { name }))["id"]!.GetValue<long>();
        return (company, await session.AccessTokenAsync(company));
    }
}
