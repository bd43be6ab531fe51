using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PipedriveMaileon.Sandbox.Pipedrive.Control;
using PipedriveMaileon.Sandbox.Pipedrive.Deals;
using PipedriveMaileon.Sandbox.Pipedrive.Persons;

namespace PipedriveMaileon.Sandbox.Pipedrive.ConsolePage;

/// <summary>
/// A minimal server-rendered console at <c>/pipedrive</c>: companies, persons with their Newsletter value, deals, and
/// forms acting as the company's admin (writes emit webhooks with <c>change_source: app</c>). Output is HTML-escaped.
/// </summary>
public static class PipedriveConsole
{
    public static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/", Render);
        console.MapPost("/persons", (HttpRequest r, PersonWriter w) => Act(r, (form, company, _) =>
        {
            var body = new JsonObject { ["name"] = form["name"].ToString() };
            if (!string.IsNullOrWhiteSpace(form["email"]))
            {
                body["emails"] = new JsonArray(new JsonObject { ["value"] = form["email"].ToString(), ["primary"] = true, ["label"] = "work" });
            }

            return w.Create(company, body, AdminOf(r, company), "app").Error;
        })).DisableAntiforgery();
        console.MapPost("/persons/{id:long}/edit", (long id, HttpRequest r, PersonWriter w) => Act(r, (form, _, _) =>
        {
            var body = new JsonObject();
            if (!string.IsNullOrWhiteSpace(form["name"]))
            {
                body["name"] = form["name"].ToString();
            }

            if (!string.IsNullOrWhiteSpace(form["email"]))
            {
                body["emails"] = new JsonArray(new JsonObject { ["value"] = form["email"].ToString(), ["primary"] = true, ["label"] = "work" });
            }

            return w.Update(null, id, body, null, "app").Error;
        })).DisableAntiforgery();
        console.MapPost("/persons/{id:long}/newsletter", (long id, HttpRequest r, PersonWriter w, PipedriveStore store) => Act(r, (form, company, _) =>
        {
            string key;
            lock (store.Gate)
            {
                var field = store.CustomFieldsOf(company).FirstOrDefault(f => string.Equals(f.Name, "Newsletter", StringComparison.OrdinalIgnoreCase));
                if (field is null)
                {
                    return "This company has no Newsletter field (install the app first).";
                }

                key = field.Key;
            }

            JsonNode? value = long.TryParse(form["option"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var option) ? option : null;
            return w.Update(null, id, new JsonObject { ["custom_fields"] = new JsonObject { [key] = value } }, null, "app").Error;
        })).DisableAntiforgery();
        console.MapPost("/persons/{id:long}/delete", (long id, HttpRequest r, PersonWriter w) => Act(r, (_, _, _) => w.Delete(null, id, null, "app").Error)).DisableAntiforgery();
        console.MapPost("/deals", (HttpRequest r, DealWriter w) => Act(r, (form, company, _) =>
        {
            var body = new JsonObject { ["title"] = form["title"].ToString() };
            if (long.TryParse(form["person_id"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var personId))
            {
                body["person_id"] = personId;
            }

            if (decimal.TryParse(form["value"], NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
            {
                body["value"] = value;
            }

            return w.Create(company, body, AdminOf(r, company), "app").Error;
        })).DisableAntiforgery();
        console.MapPost("/deals/{id:long}/edit", (long id, HttpRequest r, DealWriter w) => Act(r, (form, _, _) =>
        {
            var body = new JsonObject();
            if (!string.IsNullOrWhiteSpace(form["title"]))
            {
                body["title"] = form["title"].ToString();
            }

            if (!string.IsNullOrWhiteSpace(form["status"]))
            {
                body["status"] = form["status"].ToString();
            }

            return w.Update(null, id, body, null, "app").Error;
        })).DisableAntiforgery();
        console.MapPost("/deals/{id:long}/delete", (long id, HttpRequest r, DealWriter w) => Act(r, (_, _, _) => w.Delete(null, id, null, "app").Error)).DisableAntiforgery();
    }

    private static long AdminOf(HttpRequest request, long companyId)
    {
        var store = request.HttpContext.RequestServices.GetRequiredService<PipedriveStore>();
        lock (store.Gate)
        {
            return store.AdminOf(companyId).Id;
        }
    }

    private static async Task<IResult> Act(HttpRequest request, Func<IFormCollection, long, object?, string?> action)
    {
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var company = long.TryParse(form["company"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : PipedriveStore.DemoCompanyId;
        var error = action(form, company, null);
        var target = $"/pipedrive?company={company}";
        return Results.Redirect(error is null ? target : target + "&error=" + Uri.EscapeDataString(error));
    }

    private static IResult Render(long? company, string? error, PipedriveStore store, IOptions<PipedriveEmulatorOptions> options)
    {
        var html = new StringBuilder();
        var app = options.Value;
        var install = app.AppUrl is { } appUrl
            ? new Uri(appUrl, "/pipedrive/install").AbsoluteUri
            : new Uri(app.RedirectUri!, "/pipedrive/install").AbsoluteUri;
        html.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Pipedrive sandbox</title>")
            .Append("<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .5em}form{display:inline}</style>")
            .Append("</head><body><h1>Pipedrive sandbox</h1>")
            .Append($"<p><a href=\"{H(install)}\">Install the app</a> (starts the OAuth flow at the app)</p>");
        if (!string.IsNullOrEmpty(error))
        {
            html.Append($"<p style=\"color:#b00\">{H(error)}</p>");
        }

        lock (store.Gate)
        {
            var selected = store.FindCompany(company ?? PipedriveStore.DemoCompanyId) ?? store.Companies.OrderBy(c => c.Id).First();
            html.Append("<h2>Companies</h2><ul>");
            foreach (var c in store.Companies.OrderBy(c => c.Id))
            {
                html.Append($"<li><a href=\"/pipedrive?company={c.Id}\">{H(c.Name)} ({c.Id})</a> — {(c.Installed ? "app installed" : "app not installed")}")
                    .Append($" · <a href=\"{AppSettingsHost.Link(c.Id)}\">Apps → Maileon → Settings</a></li>");
            }

            html.Append("</ul>");
            var hidden = $"<input type=\"hidden\" name=\"company\" value=\"{selected.Id}\">";
            var newsletter = store.CustomFieldsOf(selected.Id).FirstOrDefault(f => string.Equals(f.Name, "Newsletter", StringComparison.OrdinalIgnoreCase));
            html.Append($"<h2>Persons of {H(selected.Name)}</h2><table><tr><th>id</th><th>name</th><th>email</th><th>Newsletter</th><th>actions</th></tr>");
            foreach (var person in store.Persons.Where(p => p.CompanyId == selected.Id && !p.IsDeleted).OrderBy(p => p.Id))
            {
                html.Append($"<tr><td>{person.Id}</td><td><a href=\"{PersonPanelHost.Link(person.Id)}\">{H(person.Name)}</a></td><td>{H(person.PrimaryEmail)}</td>")
                    .Append($"<td>{H(PipedriveControlEndpoints.FieldDisplay(store, person, "Newsletter") ?? "—")}</td><td>");
                if (newsletter is not null)
                {
                    html.Append($"<form method=\"post\" action=\"/pipedrive/persons/{person.Id}/newsletter\">{hidden}<select name=\"option\"><option value=\"\">(empty)</option>");
                    foreach (var option in newsletter.Options)
                    {
                        html.Append($"<option value=\"{option.Id}\">{H(option.Label)}</option>");
                    }

                    html.Append("</select><button>Set Newsletter</button></form> ");
                }

                html.Append($"<form method=\"post\" action=\"/pipedrive/persons/{person.Id}/edit\">{hidden}<input name=\"name\" placeholder=\"name\" value=\"{H(person.Name)}\"><input name=\"email\" placeholder=\"email\" value=\"{H(person.PrimaryEmail)}\"><button>Save</button></form> ")
                    .Append($"<form method=\"post\" action=\"/pipedrive/persons/{person.Id}/delete\">{hidden}<button>Delete</button></form></td></tr>");
            }

            html.Append("</table>")
                .Append($"<form method=\"post\" action=\"/pipedrive/persons\">{hidden}<input name=\"name\" placeholder=\"name\" required><input name=\"email\" placeholder=\"email\"><button>Create person</button></form>");
            html.Append($"<h2>Deals of {H(selected.Name)}</h2><table><tr><th>id</th><th>title</th><th>person</th><th>status</th><th>actions</th></tr>");
            foreach (var deal in store.Deals.Where(d => d.CompanyId == selected.Id && !d.IsDeleted).OrderBy(d => d.Id))
            {
                html.Append($"<tr><td>{deal.Id}</td><td>{H(deal.Title)}</td><td>{deal.PersonId}</td><td>{H(deal.Status)}</td><td>")
                    .Append($"<form method=\"post\" action=\"/pipedrive/deals/{deal.Id}/edit\">{hidden}<input name=\"title\" value=\"{H(deal.Title)}\"><select name=\"status\"><option>open</option><option>won</option><option>lost</option></select><button>Save</button></form> ")
                    .Append($"<form method=\"post\" action=\"/pipedrive/deals/{deal.Id}/delete\">{hidden}<button>Delete</button></form></td></tr>");
            }

            html.Append("</table>")
                .Append($"<form method=\"post\" action=\"/pipedrive/deals\">{hidden}<input name=\"title\" placeholder=\"title\" required><input name=\"person_id\" placeholder=\"person id\"><input name=\"value\" placeholder=\"value\"><button>Create deal</button></form>");
        }

        html.Append("</body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static string H(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
