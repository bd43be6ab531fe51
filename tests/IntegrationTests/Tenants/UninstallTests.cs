using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PipedriveMaileon.IntegrationTests.Contacts;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PipedriveMaileon.IntegrationTests.Tenants;

/// <summary>
/// Uninstall by Pipedrive's callback and by the settings page's button: webhooks go on both sides, the session
/// ends, and every later webhook for the tenant answers 410 and changes nothing.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class UninstallTests(DeploymentFixture fixture, ITestOutputHelper output)
{
    private const string Email = "ulla@uninstall.example";

    private SandboxDeployment Deployment => fixture.Deployment;

    private SandboxView View => new(Deployment);

    [Fact]
    public async Task PipedrivesUninstallCallbackUninstallsAndLaterWebhooksAnswerGone()
    {
        using var tenant = await SyncedTenant.CreateAsync(Deployment, "Callback Uninstall GmbH");
        var before = await RecordTrafficAsync(tenant);

        // The callback without the app's client credentials, or with another app's id, changes nothing.
        using var web = new HttpClient { BaseAddress = Deployment.Web.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await web.SendAsync(UninstallCall(tenant.CompanyId, "sandbox-app:wrong-secret"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await web.SendAsync(UninstallCall(tenant.CompanyId, null))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await web.SendAsync(UninstallCall(tenant.CompanyId, $"{SandboxProcess.ClientId}:{SandboxProcess.ClientSecret}", clientId: "another-app"))).StatusCode);
        Assert.Contains("tenant-status", await tenant.Admin.SettingsPageAsync(), StringComparison.Ordinal);
        Assert.Equal("Active", await StatusAsync(tenant.CompanyId));

        var outcome = await Deployment.Sandbox.ControlPostAsync("pipedrive", $"companies/{tenant.CompanyId}/uninstall", new { });
        Assert.Equal("200", outcome!["callbackStatus"]!.ToString());

        // The admin's open settings page says so.
        var open = await tenant.Admin.Http.GetAsync("/settings");
        Assert.Equal("/settings/uninstalled", open.Headers.Location?.OriginalString);

        await AssertUninstalledAsync(tenant, before);
    }

    [Fact]
    public async Task AnotherUserRemovingTheAppForThemselvesLeavesTheInstallationRunning()
    {
        using var tenant = await SyncedTenant.CreateAsync(Deployment, "Shared App KG");
        var user = await Deployment.Sandbox.ControlPostAsync("pipedrive", $"companies/{tenant.CompanyId}/users", new { name = "Sam Shared", isAdmin = false });
        var userId = (long)user!["id"]!;

        // App sharing: Sam removes the app from his own account. Pipedrive calls back with his user id and revokes only
        // his grant; the installing admin's tokens and webhooks stay, and so does the installation.
        var outcome = await Deployment.Sandbox.ControlPostAsync("pipedrive", $"companies/{tenant.CompanyId}/uninstall", new { userId });
        Assert.Equal("200", outcome!["callbackStatus"]!.ToString());
        Assert.Equal("Active", await StatusAsync(tenant.CompanyId));
        Assert.Contains($"User {userId} removed the app from their own Pipedrive account", await tenant.ActivityAsync(), StringComparison.Ordinal);

        var person = await tenant.CreatePersonAsync("Sami Still", "sami@shared-app.example");
        await tenant.SetNewsletterAsync(person, "Subscribe");
        await tenant.NewsletterBecomesAsync(person, "Awaiting confirmation");
        output.WriteLine($"user {userId} uninstalled for themselves; company {tenant.CompanyId} still syncs");
    }

    [Fact]
    public async Task TheUninstallButtonRemovesWebhooksRevokesTheAuthorisationAndLaterWebhooksAnswerGone()
    {
        using var tenant = await SyncedTenant.CreateAsync(Deployment, "Button Uninstall AG");
        var before = await RecordTrafficAsync(tenant);
        var mark = await View.JournalMarkAsync("pipedrive");

        var html = await tenant.Admin.SettingsPageAsync();
        using var form = new FormUrlEncodedContent([new(TenantAdmin.SessionField, TenantAdmin.SessionTicket(html))]);
        var response = await tenant.Admin.Http.PostAsync("/settings?handler=Uninstall", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/settings/uninstalled", response.Headers.Location!.OriginalString);
        Assert.Contains("The app is uninstalled", await tenant.Admin.Http.GetStringAsync("/settings/uninstalled"), StringComparison.Ordinal);

        // The refresh token is revoked at Pipedrive (from the tenant's outbox), which tells Pipedrive the app is gone.
        await Eventually.TrueAsync(
            async () => (await View.RequestsAsync("pipedrive", mark)).Any(r => (string?)r["path"] == "/oauth/revoke" && (int?)r["status"] == 200),
            TimeSpan.FromSeconds(30),
            () => "the app never revoked its Pipedrive authorisation");
        await Eventually.TrueAsync(
            async () => (bool?)(await Deployment.Sandbox.ControlGetAsync("pipedrive", $"companies/{tenant.CompanyId}"))!["installed"] == false,
            TimeSpan.FromSeconds(10),
            () => "Pipedrive still lists the app as installed");

        await AssertUninstalledAsync(tenant, before);
    }

    /// <summary>A subscribe that works, and what Pipedrive and Maileon send for it, to replay after the uninstall.</summary>
    private async Task<Traffic> RecordTrafficAsync(SyncedTenant tenant)
    {
        var person = await tenant.CreatePersonAsync("Ulla Uninstall", Email);
        await tenant.SetNewsletterAsync(person, "Subscribe");
        await tenant.NewsletterBecomesAsync(person, "Awaiting confirmation");
        await tenant.QuietAsync();
        var deliveries = (await Deployment.Sandbox.ControlGetAsync("pipedrive", $"deliveries?companyId={tenant.CompanyId}"))!.AsArray()
            .Where(d => (int?)d!["status"] is >= 200 and < 300).Select(d => (string)d!["body"]!).ToList();
        Assert.NotEmpty(deliveries);
        var maileonHooks = (await View.MaileonWebhooksAsync(tenant.MaileonAccountId)).Select(w => (string)w["url"]!).ToList();
        Assert.Equal(2, maileonHooks.Count);
        return new Traffic(person, await tenant.Admin.PipedriveWebhookCredentialsAsync(), deliveries, maileonHooks);
    }

    private async Task AssertUninstalledAsync(SyncedTenant tenant, Traffic before)
    {
        // The tenant directory's row is the tenant's outbox work, written a moment after the uninstall answered.
        var status = default(string);
        await Eventually.TrueAsync(
            async () => (status = await StatusAsync(tenant.CompanyId)) == "Uninstalled",
            TimeSpan.FromSeconds(10),
            () => $"the tenant directory still says {status}");
        Assert.Empty(await View.PipedriveWebhooksAsync(tenant.CompanyId));
        Assert.Empty(await View.MaileonWebhooksAsync(tenant.MaileonAccountId));

        // The admin's session is over (an open settings page shows "uninstalled" once, then asks to install).
        var settings = await tenant.Admin.Http.GetAsync("/settings");
        Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);
        if (settings.Headers.Location!.OriginalString == "/settings/uninstalled")
        {
            settings = await tenant.Admin.Http.GetAsync("/settings");
        }

        Assert.StartsWith("/pipedrive/install", settings.Headers.Location!.OriginalString, StringComparison.Ordinal);

        await tenant.QuietAsync();

        // Each web node learns of the uninstall within its directory's refresh interval plus one read (1 s + a little).
        await Task.Delay(TimeSpan.FromSeconds(2));
        var maileonMark = await View.JournalMarkAsync("maileon");
        var pipedriveMark = await View.JournalMarkAsync("pipedrive");
        var doiMails = (await tenant.DoiMailsAsync(Email)).Count;

        using var web = new HttpClient { BaseAddress = Deployment.Web.BaseAddress };
        var n = 0;
        foreach (var body in before.PipedriveBodies)
        {
            // Replayed as they were, and as new events (fresh meta ids), with the credentials the tenant had.
            foreach (var payload in new[] { body, WithNewEventId(body, ++n) })
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/pipedrive/{tenant.CompanyId}")
                {
                    Content = new StringContent(payload, Encoding.UTF8, "application/json"),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(before.PipedriveCredentials)));
                var answer = await web.SendAsync(request);
                Assert.True(answer.StatusCode == HttpStatusCode.Gone, $"a Pipedrive webhook after uninstall answered {(int)answer.StatusCode}");
            }
        }

        foreach (var url in before.MaileonUrls)
        {
            var target = new Uri(url);
            var answer = await web.PostAsync($"{target.PathAndQuery}&email={Uri.EscapeDataString(Email)}&external_id=pd-{tenant.CompanyId}-{before.PersonId}",
                new StringContent($$"""{"email":"{{Email}}","timestamp":"2030-01-01 10:00:00"}""", Encoding.UTF8, "application/json"));
            Assert.True(answer.StatusCode == HttpStatusCode.Gone, $"a Maileon webhook after uninstall answered {(int)answer.StatusCode}");
        }

        // Nothing happened because of them: no call to either API, no mail, the person's field as it was.
        await Task.Delay(1500);
        var maileonCalls = await View.MaileonRequestsWithKeyAsync(tenant.ApiKey, maileonMark);
        Assert.True(maileonCalls.Count == 0, "Maileon was called after the uninstall: " + string.Join(", ", maileonCalls.Select(r => $"{r["method"]} {r["path"]}")));
        var pipedriveCalls = (await View.RequestsAsync("pipedrive", pipedriveMark)).Where(r => !((string)r["path"]!).StartsWith("/_sandbox", StringComparison.Ordinal)).ToList();
        output.WriteLine(string.Join('\n', pipedriveCalls.Select(r => $"{r["method"]} {r["path"]}")));
        Assert.Equal(doiMails, (await tenant.DoiMailsAsync(Email)).Count);
        Assert.Equal("Awaiting confirmation", await tenant.NewsletterAsync(before.PersonId));
        Assert.Empty(pipedriveCalls);
    }

    private static string WithNewEventId(string body, int n)
    {
        var json = JsonNode.Parse(body)!;
        if (json["meta"] is JsonObject meta)
        {
            meta["id"] = $"after-uninstall-{n}-{Guid.NewGuid():N}";
        }

        return json.ToJsonString();
    }

    private Task<string?> StatusAsync(long companyId) =>
        TestPostgres.ScalarAsync<string>(Deployment.Cluster.ConnectionString, $"SELECT status FROM tenants WHERE company_id = {companyId}");

    private static HttpRequestMessage UninstallCall(long companyId, string? credentials, string clientId = SandboxProcess.ClientId)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, "/pipedrive/callback")
        {
            Content = new StringContent($$"""{"client_id":"{{clientId}}","company_id":{{companyId}},"user_id":1,"timestamp":"2030-01-01T10:00:00Z"}""", Encoding.UTF8, "application/json"),
        };
        if (credentials is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        return request;
    }

    private sealed record Traffic(long PersonId, string PipedriveCredentials, IReadOnlyList<string> PipedriveBodies, IReadOnlyList<string> MaileonUrls);
}
