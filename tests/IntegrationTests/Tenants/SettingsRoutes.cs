using System.Net;
using PipedriveMaileon.IntegrationTests.Infrastructure;

namespace PipedriveMaileon.IntegrationTests.Tenants;

/// <summary>Checks across every settings route at once.</summary>
public static class SettingsRoutes
{
    /// <summary>
    /// Every settings route refuses <paramref name="ticket"/>: the page, the panel fetch, a person's history, both
    /// ledger exports, and each change (none of which may be carried out).
    /// </summary>
    public static async Task AssertAllRefuseAsync(SandboxDeployment deployment, string ticket, long personId, string? expectedKind = null)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = deployment.Web.BaseAddress };
        var encoded = Uri.EscapeDataString(ticket);
        foreach (var path in new[] { "/settings", "/pipedrive-app", "/settings/progress", "/settings/first-sync", $"/settings/people/{personId}", "/settings/ledger.csv", "/settings/ledger.json" })
        {
            using var response = await http.GetAsync($"{path}?__session={encoded}");
            await AssertRefusedAsync("GET " + path, response, expectedKind);
        }

        foreach (var handler in new[] { "Save", "Repair", "RetryFailed", "RunReconciliation", "FirstSync", "Uninstall" })
        {
            using var form = new FormUrlEncodedContent([new(TenantAdmin.SessionField, ticket), new("Form.Permission", "doi")]);
            using var response = await http.PostAsync($"/settings?handler={handler}", form);
            await AssertRefusedAsync("POST " + handler, response, expectedKind);
        }

        using var fetch = new HttpRequestMessage(HttpMethod.Get, "/settings/progress");
        fetch.Headers.Add("X-PM-Session", ticket);
        using var fetched = await http.SendAsync(fetch);
        await AssertRefusedAsync("fetch /settings/progress", fetched, expectedKind);
    }

    private static async Task AssertRefusedAsync(string what, HttpResponseMessage response, string? expectedKind)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode != HttpStatusCode.OK, $"{what} still answered 200");
        Assert.DoesNotContain("tenant-status", body, StringComparison.Ordinal);
        Assert.DoesNotContain("person_id", body, StringComparison.Ordinal);
        Assert.Null(PipedriveHost.TicketOf(body));
        if (expectedKind is not null && response.StatusCode != HttpStatusCode.Redirect)
        {
            Assert.True(body.Contains($"data-kind=\"{expectedKind}\"", StringComparison.Ordinal), $"{what} answered {(int)response.StatusCode} without the {expectedKind} page: {body}");
        }
    }
}
