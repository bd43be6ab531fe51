using System.Net;
using PipedriveMaileon.IntegrationTests.Contacts;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PipedriveMaileon.IntegrationTests.Tenants;

/// <summary>
/// Pipedrive expires the access token while twenty requests need it at once (settings pages and person syncs on
/// two silos' grains): the tenant refreshes once and every request completes with the new token.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class TokenRefreshTests(DeploymentFixture fixture, ITestOutputHelper output)
{
    private const int Concurrent = 20;

    private SandboxDeployment Deployment => fixture.Deployment;

    [Fact]
    public async Task TwentyConcurrentCallsAfterTheTokenExpiredMakeOneRefreshRequest()
    {
        using var tenant = await SyncedTenant.CreateAsync(Deployment, "Refresh Once GmbH");
        var view = new SandboxView(Deployment);
        var persons = await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(i => tenant.CreatePersonAsync($"Rolf Refresh {i}", $"rolf{i}@refresh.example")));
        await tenant.QuietAsync();
        var mark = await view.JournalMarkAsync("pipedrive");

        var expired = await Deployment.Sandbox.ControlPostAsync("pipedrive", $"companies/{tenant.CompanyId}/expire-tokens", new { });
        Assert.True((int)expired!["expired"]! >= 1);

        // Twenty settings pages (each reads the person fields) and twenty subscribes (each writes back to Pipedrive), together.
        var pages = Enumerable.Range(0, Concurrent).Select(async _ =>
        {
            var response = await tenant.Admin.Http.GetAsync("/settings");
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("person fields could not be read", html, StringComparison.Ordinal);
        });
        var subscribes = persons.Select(p => tenant.SetNewsletterAsync(p, "Subscribe"));
        await Task.WhenAll(pages.Concat(subscribes));
        foreach (var person in persons)
        {
            await tenant.NewsletterBecomesAsync(person, "Awaiting confirmation", seconds: 60);
        }

        var refreshes = await view.TokenRequestsAsync("refresh_token", mark);
        var rejected = (await view.RequestsAsync("pipedrive", mark)).Count(r => (int?)r["status"] == 401);
        output.WriteLine($"refresh requests: {refreshes.Count}; API calls answered 401: {rejected}");
        Assert.True(rejected >= 1, "no call was made with the expired token: the test did not exercise the refresh");
        Assert.Single(refreshes);
        Assert.Equal(200, (int)refreshes[0]["status"]!);
        Assert.Contains("data-testid=\"pipedrive-health\" class=\"badge ok\"", await tenant.Admin.SettingsPageAsync(), StringComparison.Ordinal);
    }
}
