using System.Net;
using PipedriveMaileon.IntegrationTests.Contacts;
using PipedriveMaileon.IntegrationTests.Infrastructure;

namespace PipedriveMaileon.IntegrationTests.Security;

/// <summary>
/// Login CSRF: an attacker authorises the app for their own company and sends the callback URL (a valid code, no
/// state) to a victim. The installation may complete — Marketplace installs arrive without a state — but the victim's
/// browser must not be signed in to the attacker's company, where a Maileon key entered next would mail for them.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class LoginCsrfTests(DeploymentFixture fixture)
{
    private SandboxDeployment Deployment => fixture.Deployment;

    [Fact]
    public async Task ACallbackWithAValidCodeAndNoStateLeavesTheBrowserSignedOut()
    {
        var company = await Deployment.Sandbox.ControlPostAsync("pipedrive", "companies", new { name = "Mallory Ltd", adminName = "Mallory", adminEmail = "mallory@mallory.example" });
        var companyId = (long)company!["id"]!;
        var approval = await Deployment.Sandbox.ControlPostAsync("pipedrive", "oauth/approve", new
        {
            companyId,
            userId = (long)company["users"]![0]!["id"]!,
            clientId = SandboxProcess.ClientId,
            redirectUri = new Uri(Deployment.Web.BaseAddress, "/pipedrive/callback").ToString(),
        });
        var callback = new Uri((string)approval!["location"]!);
        Assert.DoesNotContain("state=", callback.Query, StringComparison.Ordinal);

        using var victim = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Deployment.Web.BaseAddress };
        using var landing = await victim.GetAsync(callback.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, landing.StatusCode);
        Assert.Equal("/pipedrive/install", landing.Headers.Location!.OriginalString);
        Assert.False(landing.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("pm_session=", StringComparison.Ordinal)),
            "the callback without a state issued a session cookie");

        // Signed out: the settings send the victim into a sign-in of their own, and nothing of Mallory's is readable.
        using var settings = await victim.GetAsync("/settings");
        Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);
        Assert.StartsWith("/pipedrive/install", settings.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var ledger = await victim.GetAsync("/settings/ledger.json");
        Assert.Equal(HttpStatusCode.Unauthorized, ledger.StatusCode);

        // The installation itself did complete (the tenant directory's row is the tenant's outbox work, written a moment
        // after the callback answered).
        var status = default(string);
        await Eventually.TrueAsync(
            async () => (status = await TestPostgres.ScalarAsync<string>(Deployment.Cluster.ConnectionString, $"SELECT status FROM tenants WHERE company_id = {companyId}")) == "Active",
            TimeSpan.FromSeconds(10),
            () => $"the tenant directory says {status ?? "nothing"}");
    }
}
