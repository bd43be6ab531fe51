using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using PipedriveMaileon.Sandbox.Common;
using PipedriveMaileon.Sandbox.Pipedrive.Control;
using PipedriveMaileon.Sandbox.Pipedrive.Model;

namespace PipedriveMaileon.Sandbox.Pipedrive.ConsolePage;

/// <summary>
/// The console's person detail view (<c>/pipedrive/persons/{id}?user=&amp;theme=</c>): the person's fields, the
/// history (done activities and notes, newest first) and plans, and the app's custom panel "Maileon" in the
/// sidebar, loaded as Pipedrive loads a custom panel — the registered panel URL with <c>id</c>, <c>userId</c>,
/// <c>companyId</c>, a signed <c>token</c>, <c>resource=person</c>, <c>view=details</c>, <c>selectedIds</c> and
/// <c>theme</c> (docs: "Custom UI extensions", iframe request parameters) — with the same SDK host as the settings
/// page, height bounded to 100–750 px as Pipedrive bounds panels. Any user of the company can open it.
/// </summary>
public static partial class PersonPanelHost
{
    private const string PanelStyle = """
        .person { display: grid; grid-template-columns: 360px 1fr; gap: 20px; padding: 20px 28px; }
        .sidebar section, .timeline section { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; margin-bottom: 16px; }
        .sidebar h2, .timeline h2 { font-size: 15px; margin: 0 0 8px; } .sidebar #app-frame { height: 300px; }
        dl { display: grid; grid-template-columns: 120px 1fr; gap: 4px 8px; margin: 0; font-size: 13px; } dt { color: #6a7580; }
        .entry { border-top: 1px solid var(--line); padding: 8px 0; font-size: 13px; } .entry:first-of-type { border-top: 0; }
        .entry .kind { font-size: 11px; text-transform: uppercase; color: #6a7580; } .entry .body { white-space: pre-line; margin-top: 4px; }
        .viewers a { margin-right: 8px; }
        """;

    public static void Map(RouteGroupBuilder persons) => persons.MapGet("/{id:long}", Render);

    /// <summary>The console link to a person's detail view.</summary>
    public static string Link(long personId) => $"/pipedrive/persons/{personId}";

    private static IResult Render(long id, long? user, string? theme, PipedriveStore store, IOptions<PipedriveEmulatorOptions> options, SandboxClock clock)
    {
        var app = options.Value;
        var html = new StringBuilder();
        lock (store.Gate)
        {
            var person = store.FindPerson(id);
            var viewer = person is null ? null : user is { } userId ? store.FindUser(userId) : store.AdminOf(person.CompanyId);
            if (person is not { IsDeleted: false } || viewer is null || viewer.CompanyId != person.CompanyId)
            {
                return Results.Content("<!doctype html><title>Not found</title><p>No such person, or the user is not of its company.</p>", "text/html; charset=utf-8",
                    statusCode: StatusCodes.Status404NotFound);
            }

            var company = store.FindCompany(person.CompanyId)!;
            var dark = theme == "dark";
            var extensionId = Guid.NewGuid().ToString();
            var query = $"id={extensionId}&userId={viewer.Id}&companyId={company.Id}&token={Uri.EscapeDataString(AppSettingsHost.Sign(company.Id, viewer.Id, app, clock))}"
                + $"&resource=person&view=details&selectedIds={person.Id}&theme={(dark ? "dark" : "light")}";
            var frameUrl = new UriBuilder(app.PanelExtensionUrl) { Query = query }.Uri.AbsoluteUri;
            html.Append($"""
                <!doctype html>
                <html lang="en" data-theme="{(dark ? "dark" : "light")}"><head><meta charset="utf-8"><title>{H(person.Name)} · Pipedrive sandbox</title>
                <style>{AppSettingsHostScript.Style}{PanelStyle}</style>{AppSettingsHostScript.HeadScript}</head>
                <body>
                <div id="host-config" hidden data-app-origin="{H(app.PanelExtensionUrl.GetLeftPart(UriPartial.Authority))}" data-extension-id="{extensionId}"
                  data-token-url="/pipedrive/apps/maileon/token?company={company.Id}&amp;user={viewer.Id}" data-min-height="100" data-max-height="750" data-surface="custom panels"></div>
                <nav class="rail"><span class="logo">P</span><a href="/pipedrive?company={company.Id}" title="Deals">◎</a><span class="active" title="Contacts">☺</span></nav>
                <header class="top"><span class="crumbs">Contacts › People › <b data-testid="person-name">{H(person.Name)}</b></span>
                  <span class="who" data-testid="host-user">{H(viewer.Name)}{(viewer.IsAdmin ? " (admin)" : string.Empty)} · {H(company.Name)}</span>
                  <span class="viewers">{Viewers(store, person, viewer)}</span>
                  <button type="button" id="theme-toggle" data-testid="host-theme-toggle">Switch to {(dark ? "light" : "dark")} theme</button></header>
                <main class="person">
                  <aside class="sidebar">
                    <section><h2>Maileon</h2><div class="frame-box"><div id="loader" data-testid="host-loader">Loading app…</div>
                      <iframe id="app-frame" data-testid="app-frame" title="Maileon panel" src="{H(frameUrl)}" data-initialized="false"></iframe></div></section>
                    <section><h2>Person</h2><dl data-testid="person-fields">{Fields(store, person)}</dl></section>
                    <details><summary>App Extensions SDK messages received from the panel</summary><ol id="sdk-log" data-testid="sdk-log"></ol></details>
                  </aside>
                  <div class="timeline">
                    <section><h2>Planned</h2>{Entries(store, person, done: false)}</section>
                    <section data-testid="history"><h2>History</h2>{Entries(store, person, done: true)}</section>
                  </div>
                </main>
                {AppSettingsHostScript.HostElements}
                </body></html>
                """);
        }

        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    private static string Viewers(PipedriveStore store, Person person, User viewer) => string.Concat(store.Users
        .Where(u => u.CompanyId == person.CompanyId && u.Id != viewer.Id).OrderBy(u => u.Id)
        .Select(u => $"<a href=\"{Link(person.Id)}?user={u.Id}\" data-testid=\"view-as-{u.Id}\">view as {H(u.Name)}{(u.IsAdmin ? " (admin)" : string.Empty)}</a>"));

    private static string Fields(PipedriveStore store, Person person)
    {
        var rows = new StringBuilder()
            .Append($"<dt>Email</dt><dd>{H(string.Join(", ", person.Emails.Select(e => e.Value)))}</dd>")
            .Append($"<dt>Organization</dt><dd>{H(person.OrgId is { } org ? store.FindOrganization(org)?.Name : null)}</dd>")
            .Append($"<dt>Owner</dt><dd>{H(store.FindUser(person.OwnerId)?.Name)}</dd>");
        foreach (var field in store.CustomFieldsOf(person.CompanyId))
        {
            rows.Append($"<dt>{H(field.Name)}</dt><dd>{H(PipedriveControlEndpoints.FieldDisplay(store, person, field.Name) ?? "—")}</dd>");
        }

        return rows.ToString();
    }

    /// <summary>Done activities and notes (history) or undone activities (plans), newest first; note HTML shown as text.</summary>
    private static string Entries(PipedriveStore store, Person person, bool done)
    {
        var activities = store.Activities.Where(a => !a.IsDeleted && a.Done == done && a.Participants.Any(p => p.PersonId == person.Id))
            .Select(a => (Time: a.MarkedAsDoneTime ?? a.UpdateTime, Kind: "activity · " + a.Type, Title: a.Subject, Body: a.Note, Id: $"activity-{a.Id}"));
        var notes = done
            ? store.Notes.Where(n => n.PersonId == person.Id).Select(n => (Time: n.AddTime, Kind: "note", Title: string.Empty, Body: (string?)n.Content, Id: $"note-{n.Id}"))
            : [];
        var entries = activities.Concat(notes).OrderByDescending(e => e.Time).ToList();
        return entries.Count == 0
            ? "<p>Nothing yet.</p>"
            : string.Concat(entries.Select(e => $"<div class=\"entry\" data-testid=\"timeline-entry\" id=\"{e.Id}\"><div class=\"kind\">{H(e.Kind)} · "
                + $"{H(Wire.PipedriveTime.V1(e.Time))}</div><b>{H(e.Title)}</b><div class=\"body\">{H(Text(e.Body))}</div></div>"));
    }

    private static string Text(string? html) => html is null ? string.Empty : WebUtility.HtmlDecode(Tags().Replace(BlockBreaks().Replace(html, "\n"), string.Empty)).Trim();

    private static string H(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tags();

    [GeneratedRegex(@"<br\s*/?>|</p>|</li>|</div>", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BlockBreaks();
}
