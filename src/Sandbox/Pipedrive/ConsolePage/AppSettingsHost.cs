using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using PipedriveMaileon.Sandbox.Common;

namespace PipedriveMaileon.Sandbox.Pipedrive.ConsolePage;

/// <summary>
/// The console's "Apps → Maileon → Settings": Pipedrive-like chrome around the app's "Custom UI for app settings"
/// iframe, loaded as Pipedrive loads it — the registered settings URL with <c>id</c> (the extension instance, which
/// the SDK reads), <c>userId</c>, <c>companyId</c>, a signed <c>token</c> and <c>theme</c> — and the host side of the
/// App Extensions SDK's postMessage protocol (<see cref="AppSettingsHostScript"/>): initialize, resize, snackbar,
/// confirmation dialog, signed token, and the user-settings (theme) event. What the iframe sent is listed on the page.
/// </summary>
public static class AppSettingsHost
{
    public static void Map(RouteGroupBuilder apps)
    {
        apps.MapGet("/host.js", () => Results.Text(AppSettingsHostScript.Source, "text/javascript; charset=utf-8"));
        apps.MapGet("/maileon/settings", Render);
        apps.MapPost("/maileon/token", (long company, long user, PipedriveStore store, IOptions<PipedriveEmulatorOptions> options, SandboxClock clock) =>
        {
            lock (store.Gate)
            {
                if (store.FindUser(user) is not { } found || found.CompanyId != company)
                {
                    return Results.NotFound(new { error = "No such user in this company." });
                }
            }

            return Results.Ok(new { token = Sign(company, user, options.Value, clock) });
        }).DisableAntiforgery();
    }

    private static IResult Render(long? company, long? user, string? theme, PipedriveStore store, IOptions<PipedriveEmulatorOptions> options, SandboxClock clock)
    {
        var app = options.Value;
        Model.Company? selected;
        Model.User? viewer;
        lock (store.Gate)
        {
            selected = store.FindCompany(company ?? PipedriveStore.DemoCompanyId);
            viewer = selected is null ? null : user is { } id ? store.FindUser(id) : store.AdminOf(selected.Id);
        }

        if (selected is null || viewer is null || viewer.CompanyId != selected.Id)
        {
            return Results.Content("<!doctype html><title>Not found</title><p>No such company or user.</p>", "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }

        var dark = theme == "dark";
        var extensionId = Guid.NewGuid().ToString();
        var query = $"id={extensionId}&userId={viewer.Id}&companyId={selected.Id}&token={Uri.EscapeDataString(Sign(selected.Id, viewer.Id, app, clock))}&theme={(dark ? "dark" : "light")}";
        var frameUrl = new UriBuilder(app.ExtensionUrl) { Query = query }.Uri.AbsoluteUri;
        var appOrigin = app.ExtensionUrl.GetLeftPart(UriPartial.Authority);
        var html = $$"""
            <!doctype html>
            <html lang="en" data-theme="{{(dark ? "dark" : "light")}}"><head><meta charset="utf-8"><title>Maileon for Pipedrive · Settings · Pipedrive sandbox</title>
            <style>{{AppSettingsHostScript.Style}}</style>{{AppSettingsHostScript.HeadScript}}</head>
            <body>
            <div id="host-config" hidden data-app-origin="{{H(appOrigin)}}" data-extension-id="{{extensionId}}" data-token-url="/pipedrive/apps/maileon/token?company={{selected.Id}}&amp;user={{viewer.Id}}"></div>
            <nav class="rail"><span class="logo">P</span><a href="/pipedrive?company={{selected.Id}}" title="Deals">◎</a><a href="/pipedrive?company={{selected.Id}}" title="Contacts">☺</a><span class="active" title="Apps">▦</span></nav>
            <header class="top"><span class="crumbs">Tools and apps › Marketplace apps › <b>Maileon for Pipedrive</b> › Settings</span>
              <span class="who" data-testid="host-user">{{H(viewer.Name)}}{{(viewer.IsAdmin ? " (admin)" : "")}} · {{H(selected.Name)}}</span>
              <button type="button" id="theme-toggle" data-testid="host-theme-toggle">Switch to {{(dark ? "light" : "dark")}} theme</button></header>
            <main class="surface">
              <h1>Maileon for Pipedrive</h1>
              <div class="frame-box"><div id="loader" data-testid="host-loader">Loading app…</div>
                <iframe id="app-frame" data-testid="app-frame" title="Maileon for Pipedrive settings" src="{{H(frameUrl)}}" data-initialized="false"></iframe></div>
              <details open><summary>App Extensions SDK messages received from the iframe</summary><ol id="sdk-log" data-testid="sdk-log"></ol></details>
            </main>
            {{AppSettingsHostScript.HostElements}}
            </body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    internal static string Sign(long companyId, long userId, PipedriveEmulatorOptions app, SandboxClock clock) =>
        ExtensionTokenSigner.Sign(companyId, userId, app.ExtensionSecret, clock.UtcNow, TimeSpan.FromSeconds(app.ExtensionTokenLifetimeSeconds));

    private static string H(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>The console link for one company's admin.</summary>
    public static string Link(long companyId) => string.Create(CultureInfo.InvariantCulture, $"/pipedrive/apps/maileon/settings?company={companyId}");
}
