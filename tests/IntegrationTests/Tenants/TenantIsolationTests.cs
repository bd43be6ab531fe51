using System.Net;
using PipedriveMaileon.IntegrationTests.Contacts;
using PipedriveMaileon.IntegrationTests.Infrastructure;

namespace PipedriveMaileon.IntegrationTests.Tenants;

/// <summary>One tenant's session cookie reads and changes that tenant only, whatever the request names.</summary>
[Collection(SandboxCollection.Name)]
public sealed class TenantIsolationTests(DeploymentFixture fixture)
{
    private SandboxDeployment Deployment => fixture.Deployment;

    [Fact]
    public async Task OneTenantsCookieCannotReadOrChangeAnotherTenantsSettings()
    {
        using var alpha = await SyncedTenant.CreateAsync(Deployment, "Alpha Isolation GmbH");
        using var beta = await SyncedTenant.CreateAsync(Deployment, "Beta Isolation AG", dealEvents: true);
        var betaPerson = await beta.CreatePersonAsync("Berta Beta", "berta@beta.example");
        await beta.SetNewsletterAsync(betaPerson, "Subscribe");
        await beta.NewsletterBecomesAsync(betaPerson, "Awaiting confirmation");
        await beta.QuietAsync();
        var betaBefore = Normalise(await beta.Admin.SettingsPageAsync());

        // Reading: every settings surface, with beta's company named every way a request could.
        foreach (var path in new[]
        {
            $"/settings?companyId={beta.CompanyId}",
            $"/settings?CompanyId={beta.CompanyId}&company_id={beta.CompanyId}",
            $"/settings/ledger.json?companyId={beta.CompanyId}",
            $"/settings/ledger.csv?companyId={beta.CompanyId}",
            $"/settings/people/{betaPerson}",
            $"/settings/people?personId={betaPerson}&companyId={beta.CompanyId}",
        })
        {
            var response = await alpha.Admin.Http.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
            Assert.DoesNotContain("Beta Isolation", body, StringComparison.Ordinal);
            Assert.DoesNotContain("berta@beta.example", body, StringComparison.Ordinal);
            Assert.DoesNotContain($"\"company_id\":{beta.CompanyId}", body, StringComparison.Ordinal);
        }

        // Changing: a save and the other handlers, carrying beta's id in the query, the form and a header.
        var html = await alpha.Admin.SettingsPageAsync();
        var token = TenantAdmin.SessionTicket(html);
        using (var save = new FormUrlEncodedContent(
        [
            new(TenantAdmin.SessionField, token),
            new("Form.MaileonApiKey", ""),
            new("Form.Permission", "doiplus"),
            new("Form.DealEvents", "true"),
            new("CompanyId", beta.CompanyId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Form.CompanyId", beta.CompanyId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/settings?handler=Save&companyId={beta.CompanyId}") { Content = save };
            request.Headers.Add("X-Company-Id", beta.CompanyId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var response = await alpha.Admin.Http.SendAsync(request);
            Assert.Contains("Settings saved.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        foreach (var handler in new[] { "Repair", "RetryFailed" })
        {
            using var form = new FormUrlEncodedContent([new(TenantAdmin.SessionField, token), new("companyId", beta.CompanyId.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            var response = await alpha.Admin.Http.PostAsync($"/settings?handler={handler}&companyId={beta.CompanyId}", form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Alpha changed (DOI+, deal webhooks); beta is exactly as it was.
        var alphaAfter = await alpha.Admin.SettingsPageAsync();
        Assert.Matches("<input[^>]*data-testid=\"permission-doiplus\"[^>]*checked", alphaAfter);
        Assert.Contains("deal.create", (await new SandboxView(Deployment).PipedriveWebhookEventsAsync(alpha.CompanyId)), StringComparer.Ordinal);
        Assert.Equal(betaBefore, Normalise(await beta.Admin.SettingsPageAsync()));

        // Alpha's sign-in cookie alone (no ticket from the page, as in a cross-site form post) changes nothing.
        using var cookieOnly = new FormUrlEncodedContent([new("companyId", beta.CompanyId.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.BadRequest, (await alpha.Admin.Http.PostAsync("/settings?handler=Uninstall", cookieOnly)).StatusCode);
        Assert.Contains("tenant-status", await alpha.Admin.SettingsPageAsync(), StringComparison.Ordinal);

        // Without a cookie, or with a forged one, nothing is shown.
        using var stranger = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Deployment.Web.BaseAddress };
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/settings/ledger.json");
        forged.Headers.Add("Cookie", "pm_session=CfDJ8" + new string('A', 200));
        var forgedAnswer = await stranger.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Unauthorized, forgedAnswer.StatusCode);
        Assert.DoesNotContain("entries", await forgedAnswer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var anonymous = await stranger.GetAsync("/settings");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/pipedrive/install", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    /// <summary>The page without what changes between two reads (session tickets, Data Protection payloads all, timestamps of webhook deliveries).</summary>
    private static string Normalise(string html) =>
        System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(html, "CfDJ8[A-Za-z0-9_-]+", string.Empty),
            @"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", "T");
}
