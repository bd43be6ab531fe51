using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PipedriveMaileon.IntegrationTests.Infrastructure;

namespace PipedriveMaileon.IntegrationTests.Tenants;

/// <summary>
/// The Pipedrive sandbox's "Apps → Maileon → Settings" page (on 127.0.0.1) hosting the app's settings iframe (on
/// localhost), driven in a browser; and the same iframe URL fetched over HTTP for checks without a browser.
/// </summary>
public sealed partial class PipedriveHost(SandboxDeployment deployment, IPage page)
{
    public IPage Page => page;

    /// <summary>The app inside the iframe.</summary>
    public IFrameLocator App => page.FrameLocator("[data-testid=app-frame]");

    public Uri HostUrl(long companyId, long userId, string theme = "light") =>
        new(deployment.Sandbox.PipedriveUrl, $"/pipedrive/apps/maileon/settings?company={companyId}&user={userId}&theme={theme}");

    /// <summary>Opens the host page and waits until the app in it has initialised the SDK.</summary>
    public async Task<IFrame> OpenAsync(long companyId, long userId, string theme = "light")
    {
        await page.GotoAsync(HostUrl(companyId, userId, theme).ToString());
        await Assertions.Expect(page.Locator("[data-testid=app-frame][data-initialized=true]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        return (await (await page.QuerySelectorAsync("[data-testid=app-frame]"))!.ContentFrameAsync())!;
    }

    /// <summary>What the host received from the iframe over the SDK's postMessage protocol, in order.</summary>
    public async Task<JsonArray> MessagesAsync() =>
        JsonNode.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.sdkMessages)"))!.AsArray();

    public async Task<int> CountAsync(string command) =>
        (await MessagesAsync()).Count(m => (string?)m!["command"] == command);

    /// <summary>The iframe URL the host page builds (with Pipedrive's signed token), read over HTTP.</summary>
    public static async Task<Uri> IframeUrlAsync(SandboxDeployment deployment, long companyId, long userId, string theme = "light")
    {
        var html = await deployment.Sandbox.Pipedrive.GetStringAsync($"/pipedrive/apps/maileon/settings?company={companyId}&user={userId}&theme={theme}");
        return new Uri(WebUtility.HtmlDecode(FramePattern().Match(html).Groups[1].Value));
    }

    /// <summary>The session ticket a settings page carries for its fetches.</summary>
    public static string? TicketOf(string html) =>
        TicketPattern().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;

    [GeneratedRegex("<iframe id=\"app-frame\"[^>]* src=\"([^\"]+)\"")]
    private static partial Regex FramePattern();

    [GeneratedRegex("<meta name=\"pm-session\" content=\"([^\"]+)\"")]
    private static partial Regex TicketPattern();
}
