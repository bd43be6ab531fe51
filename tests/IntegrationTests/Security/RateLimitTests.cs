using System.Collections.Concurrent;
using System.Globalization;
using PipedriveMaileon.IntegrationTests.Contacts;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PipedriveMaileon.IntegrationTests.Security;

/// <summary>
/// Admission on webhook ingress: one tenant flooding gets 429 with Retry-After past its bucket, and a second tenant's
/// webhooks keep being accepted at about the latency they had before the flood; a client whose credentials keep
/// failing gets 429 past its own small allowance, while good webhooks from the same address go on.
/// </summary>
[Collection(SandboxCollection.Name)] // runs alone: the latency comparison needs the machine to itself
public sealed class RateLimitTests(ITestOutputHelper output)
{
    private const int PerSecond = 20;
    private const int Burst = 20;

    [Fact]
    public async Task ANoisyTenantIsThrottledWhileAQuietTenantsLatencyHolds()
    {
        await using var deployment = await SandboxDeployment.StartAsync("ratelimit", silos: 1, configuration: new Dictionary<string, string>
        {
            ["Webhooks__PerTenantPerSecond"] = PerSecond.ToString(CultureInfo.InvariantCulture),
            ["Webhooks__PerTenantBurst"] = Burst.ToString(CultureInfo.InvariantCulture),
            ["Webhooks__PerTenantQueue"] = "0", // refused at once past the bucket: the flood is what is measured here
            ["Webhooks__AuthFailureBurst"] = "5",
            ["Webhooks__AuthFailuresPerSecond"] = "1",
        });
        using var noisy = await SyncedTenant.CreateAsync(deployment, "Noisy Ltd");
        using var quiet = await SyncedTenant.CreateAsync(deployment, "Quiet Ltd");
        var noisyAuth = WebhookRequests.Basic(await noisy.Admin.PipedriveWebhookCredentialsAsync());
        var quietAuth = WebhookRequests.Basic(await quiet.Admin.PipedriveWebhookCredentialsAsync());
        using var web = new WebhookRequests(deployment.Web.BaseAddress);
        var nextPerson = 7_000_000L;

        async Task<WebhookRequests.Answer> Send(SyncedTenant tenant, string auth) =>
            await web.PipedriveAsync(tenant.CompanyId, WebhookRequests.V2Person(tenant.CompanyId, Interlocked.Increment(ref nextPerson), tenant.Admin.UserId).ToJsonString(), auth);

        async Task<List<WebhookRequests.Answer>> Steady(int count)
        {
            var answers = new List<WebhookRequests.Answer>();
            for (var i = 0; i < count; i++)
            {
                answers.Add(await Send(quiet, quietAuth));
                await Task.Delay(200); // 5 per second, well inside its own bucket
            }

            return answers;
        }

        // Warm up both paths, then the quiet tenant's latency on its own.
        await Send(noisy, noisyAuth);
        await Steady(3);
        var alone = await Steady(15);

        // The flood: 16 concurrent senders for ~4 seconds (bounded to 2,000 requests), while the quiet tenant goes on.
        var flood = new ConcurrentBag<WebhookRequests.Answer>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(4));
        var senders = Enumerable.Range(0, 16).Select(async _ =>
        {
            while (!stop.IsCancellationRequested && flood.Count < 2000)
            {
                flood.Add(await Send(noisy, noisyAuth));
            }
        }).ToList();
        await Task.Delay(300);
        var during = await Steady(15);
        await Task.WhenAll(senders);

        var throttled = flood.Count(a => a.Code == 429);
        var accepted = flood.Count(a => a.Code == 200);
        var withRetryAfter = flood.Where(a => a.Code == 429).All(a => a.RetryAfter is not null);
        double P90(IEnumerable<WebhookRequests.Answer> answers) => answers.Select(a => a.Elapsed.TotalMilliseconds).Order().ElementAt((int)Math.Ceiling(answers.Count() * 0.9) - 1);
        var aloneP90 = P90(alone);
        var duringP90 = P90(during);
        output.WriteLine($"noisy tenant: {flood.Count} requests in ~4 s, {accepted} accepted, {throttled} answered 429 (Retry-After on all: {withRetryAfter}), other: {string.Join(",", flood.Where(a => a.Code is not (200 or 429)).Select(a => a.Code).Distinct())}");
        output.WriteLine($"quiet tenant: p90 {aloneP90:0} ms alone, {duringP90:0} ms during the flood; answers during: {string.Join(",", during.Select(a => a.Code).Distinct())}");

        Assert.All(alone.Concat(during), a => Assert.Equal(200, a.Code));
        Assert.True(throttled > 0, "the flood was never throttled");
        Assert.True(withRetryAfter, "a 429 came without Retry-After");
        Assert.True(accepted <= Burst + (PerSecond * 6), $"the noisy tenant got {accepted} webhooks through a bucket of {Burst} + {PerSecond}/s");
        Assert.True(duringP90 <= Math.Max(aloneP90 * 3, aloneP90 + 250), $"the quiet tenant's p90 went from {aloneP90:0} ms to {duringP90:0} ms");

        // Failed authentications from this address: a few 401s, then 429 with Retry-After; good webhooks still pass.
        var wrong = WebhookRequests.Basic("pm-0000000000000000:wrong");
        var failures = new List<WebhookRequests.Answer>();
        for (var i = 0; i < 12; i++)
        {
            failures.Add(await web.PipedriveAsync(quiet.CompanyId, "{}", wrong));
        }

        var good = await Send(quiet, quietAuth);
        output.WriteLine($"failed authentications: {string.Join(",", failures.Select(a => a.Code))}; a good webhook then: {good.Code}");
        Assert.All(failures, a => Assert.True(a.Code is 401 or 429, $"answered {a.Code}"));
        Assert.InRange(failures.Count(a => a.Code == 401), 5, 7);
        Assert.All(failures.Where(a => a.Code == 429), a => Assert.NotNull(a.RetryAfter));
        Assert.Equal(200, good.Code);
    }
}
