using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using PipedriveMaileon.IntegrationTests.Contacts;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PipedriveMaileon.IntegrationTests.Security;

/// <summary>
/// The bad-input catalogue for webhook ingress, at the HTTP level against the running system: every case must get
/// a clear 4xx and leave no trace — no grain state row written, no activity or ledger line, no call to the sandbox
/// Maileon or Pipedrive for either tenant. Cases the senders legitimately produce (numbers as strings and the
/// reverse, as Pipedrive v1 and v2 differ) are accepted when they can be read and refused when they cannot.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class WebhookBadInputTests(DeploymentFixture fixture, ITestOutputHelper output)
{
    private SandboxDeployment Deployment => fixture.Deployment;

    [Fact]
    public async Task EveryBadWebhookIsRefusedWithAClear4xxAndChangesNothing()
    {
        using var a = await SyncedTenant.CreateAsync(Deployment, "Catalogue Alpha");
        using var b = await SyncedTenant.CreateAsync(Deployment, "Catalogue Beta");
        var (userA, passwordA) = await SandboxJournal.PipedriveWebhookCredentialsAsync(Deployment.Sandbox, a.CompanyId);
        var (userB, passwordB) = await SandboxJournal.PipedriveWebhookCredentialsAsync(Deployment.Sandbox, b.CompanyId);
        var credsA = WebhookRequests.Basic($"{userA}:{passwordA}");
        var credsB = WebhookRequests.Basic($"{userB}:{passwordB}");
        var tokenA = await SandboxJournal.MaileonWebhookTokenAsync(Deployment.Sandbox, a.MaileonAccountId, a.CompanyId);
        var tokenB = await SandboxJournal.MaileonWebhookTokenAsync(Deployment.Sandbox, b.MaileonAccountId, b.CompanyId);

        // A real, subscribed-pending person of B: the target of cross-tenant attempts.
        var personB = await b.CreatePersonAsync("Bea Beta", "bea@beta.example");
        await b.SetNewsletterAsync(personB, "Subscribe");
        await b.NewsletterBecomesAsync(personB, "Awaiting confirmation");
        await b.QuietAsync();

        // An installed-then-uninstalled company (its webhook credentials noted first), and one nobody ever installed.
        using var gone = await SyncedTenant.CreateAsync(Deployment, "Catalogue Gone");
        var credsGone = WebhookRequests.Basic(await gone.Admin.PipedriveWebhookCredentialsAsync());
        var tokenGone = await SandboxJournal.MaileonWebhookTokenAsync(Deployment.Sandbox, gone.MaileonAccountId, gone.CompanyId);
        await gone.Admin.PostHandlerAsync("Uninstall");
        var neverInstalled = 880_000_000L + Random.Shared.Next(1, 1_000_000);

        var baseA = await TenantFootprint.SettledAsync(Deployment, a.CompanyId, a.ApiKey);
        var baseB = await TenantFootprint.SettledAsync(Deployment, b.CompanyId, b.ApiKey);
        var baseGone = await TenantFootprint.SettledAsync(Deployment, gone.CompanyId, gone.ApiKey);

        using var web = new WebhookRequests(Deployment.Web.BaseAddress);
        var catalogue = new Catalogue(output);
        const long Person = 4_200_001;
        string V2(Action<JsonObject>? change = null, long? company = null)
        {
            var body = WebhookRequests.V2Person(company ?? a.CompanyId, Person, a.Admin.UserId);
            change?.Invoke(body);
            return body.ToJsonString();
        }

        string V1(Action<JsonObject>? change = null)
        {
            var body = WebhookRequests.V1Person(a.CompanyId, Person, a.Admin.UserId);
            change?.Invoke(body);
            return body.ToJsonString();
        }

        async Task Case(string group, string name, int expected, Func<Task<WebhookRequests.Answer>> send, Func<WebhookRequests.Answer, string?>? extra = null)
        {
            var answer = await send();
            var problem = extra?.Invoke(answer);
            var isProblemJson = expected < 400 || answer.Code == 404 || answer.Body.Contains("\"title\"", StringComparison.Ordinal);
            var footprint = await TenantFootprint.ReadAsync(Deployment, a.CompanyId, a.ApiKey);
            var changed = footprint != baseA ? $"tenant A changed: {baseA} -> {footprint}" : null;
            var closedEarly = answer.Code == 0 && expected == 413; // refused before the rest of a streamed body arrived
            var passed = (answer.Code == expected || closedEarly) && problem is null && changed is null && (isProblemJson || closedEarly);
            catalogue.Record(group, name, expected.ToString(CultureInfo.InvariantCulture), answer.ToString(), passed,
                string.Join("; ", new[] { problem, changed, isProblemJson ? null : "no problem details in the answer" }.Where(s => s is not null)));
        }

        Task Pd(string group, string name, int expected, string body, string? auth = "A", string? contentType = "application/json", long? route = null) =>
            Case(group, name, expected, () => web.PipedriveAsync(route ?? a.CompanyId, body, auth == "A" ? credsA : auth, contentType));

        Task PdBytes(string group, string name, int expected, byte[] body, bool chunked = false) =>
            Case(group, name, expected, () => web.PostAsync($"/webhooks/pipedrive/{a.CompanyId}", body, "application/json", credsA, chunked));

        // --- Malformed and truncated JSON ---
        const string Json = "malformed / truncated JSON";
        var valid = V2();
        await Pd(Json, "garbage", 400, "{meta: nope");
        await Pd(Json, "truncated in the middle", 400, valid[..(valid.Length / 2)]);
        await Pd(Json, "truncated by one byte", 400, valid[..^1]);
        await Pd(Json, "empty body", 400, "");
        await Pd(Json, "whitespace only", 400, "  \n ");
        await Pd(Json, "array instead of object", 400, "[]");
        await Pd(Json, "string instead of object", 400, "\"meta\"");
        await Pd(Json, "number instead of object", 400, "42");
        await Pd(Json, "null", 400, "null");
        await Pd(Json, "trailing garbage after the object", 400, valid + " x");
        await Pd(Json, "two objects", 400, valid + valid);
        await Pd(Json, "duplicate property name", 400, valid.Replace("\"meta\":{", "\"meta\":{\"action\":\"delete\",", StringComparison.Ordinal));
        await Pd(Json, "single quotes", 400, valid.Replace('"', '\''));
        await Pd(Json, "comment inside", 400, "/* hi */" + valid);
        await PdBytes(Json, "invalid UTF-8 in a string", 400, [.. "{\"meta\":{\"action\":\""u8.ToArray(), 0xC3, 0x28, .. "\"}}"u8.ToArray()]);
        await Pd(Json, "unpaired surrogate escape", 400, V2(o => o["data"]!["name"] = "x").Replace("\"name\":\"x\"", "\"name\":\"\\uD800\"", StringComparison.Ordinal));

        // --- Deeply nested JSON ---
        const string Deep = "deeply nested JSON";
        await Pd(Deep, "33 levels inside data", 400, V2().Replace("\"custom_fields\":{}", "\"custom_fields\":" + Nest(33), StringComparison.Ordinal));
        await Pd(Deep, "10,000 levels of arrays", 400, new string('[', 10_000) + new string(']', 10_000));
        await Pd(Deep, "100,000 levels of objects (unclosed)", 400, string.Concat(Enumerable.Repeat("{\"a\":", 100_000)));

        // --- Wrong content type ---
        const string Type = "wrong content type";
        await Pd(Type, "text/plain", 415, valid, contentType: "text/plain");
        await Pd(Type, "form encoded", 415, valid, contentType: "application/x-www-form-urlencoded");
        await Pd(Type, "multipart", 415, valid, contentType: "multipart/form-data; boundary=x");
        await Pd(Type, "no content type", 415, valid, contentType: null);
        await Pd(Type, "application/jsonp", 415, valid, contentType: "application/jsonp");
        await Pd(Type, "unparseable content type", 415, valid, contentType: "json;;==");
        await Case(Type, "Maileon body as text/plain", 415, () => web.PostAsync($"/webhooks/maileon/{a.CompanyId}/doi?token={Uri.EscapeDataString(tokenA)}", "{}"u8.ToArray(), "text/plain"));

        // --- Bodies over the size limit ---
        const string Size = "body over the size limit";
        var padding = new string('x', 512 * 1024);
        await Pd(Size, "512 KiB + a bit, with Content-Length", 413, V2(o => o["data"]!["notes"] = padding));
        await PdBytes(Size, "512 KiB + a bit, chunked (no Content-Length)", 413, Encoding.UTF8.GetBytes(V2(o => o["data"]!["notes"] = padding)), chunked: true);
        await PdBytes(Size, "4 MiB chunked", 413, new byte[4 * 1024 * 1024], chunked: true);
        await Case(Size, "Maileon body 64 KiB + a bit", 413, () => web.PostAsync(
            $"/webhooks/maileon/{a.CompanyId}/doi?token={Uri.EscapeDataString(tokenA)}",
            Encoding.UTF8.GetBytes(new JsonObject { ["email"] = "x@y.example", ["pad"] = new string('x', 64 * 1024) }.ToJsonString())));

        // --- Wrong field types (not coercible; the coercible ones are accepted below) ---
        const string Types = "wrong field types";
        await Pd(Types, "v2 meta.entity_id \"abc\"", 400, V2(o => o["meta"]!["entity_id"] = "abc"));
        await Pd(Types, "v2 meta.entity_id object", 400, V2(o => o["meta"]!["entity_id"] = new JsonObject { ["x"] = 1 }));
        await Pd(Types, "v2 meta.entity_id negative", 400, V2(o => o["meta"]!["entity_id"] = -5));
        await Pd(Types, "v2 meta.entity_id fraction", 400, V2(o => o["meta"]!["entity_id"] = 1.5));
        await Pd(Types, "v2 meta.entity_id beyond 64 bits", 400, V2(o => o["meta"]!["entity_id"] = "99999999999999999999999"));
        await Pd(Types, "v2 meta.company_id \"x\"", 400, V2(o => o["meta"]!["company_id"] = "x"));
        await Pd(Types, "v2 meta.timestamp true", 400, V2(o => o["meta"]!["timestamp"] = true));
        await Pd(Types, "v2 meta.timestamp \"yesterday\"", 400, V2(o => o["meta"]!["timestamp"] = "yesterday"));
        await Pd(Types, "v2 meta.version 3", 400, V2(o => o["meta"]!["version"] = "3.0"));
        await Pd(Types, "v2 meta.version array", 400, V2(o => o["meta"]!["version"] = new JsonArray()));
        await Pd(Types, "v2 meta.attempt \"x\"", 400, V2(o => o["meta"]!["attempt"] = "x"));
        await Pd(Types, "v2 meta.is_bulk_edit \"maybe\"", 400, V2(o => o["meta"]!["is_bulk_edit"] = "maybe"));
        await Pd(Types, "v2 meta.id number too long", 400, V2(o => o["meta"]!["id"] = new string('7', 200)));
        await Pd(Types, "v2 meta.id object", 400, V2(o => o["meta"]!["id"] = new JsonObject()));
        await Pd(Types, "v2 meta.action number", 400, V2(o => o["meta"]!["action"] = 1));
        await Pd(Types, "v2 data array", 400, V2(o => o["data"] = new JsonArray()));
        await Pd(Types, "v2 data string", 400, V2(o => o["data"] = "person"));
        await Pd(Types, "v2 data.id \"abc\"", 400, V2(o => o["data"]!["id"] = "abc"));
        await Pd(Types, "v2 data.emails a number", 400, V2(o => o["data"]!["emails"] = 5));
        await Pd(Types, "v1 meta.id \"eleven\"", 400, V1(o => o["meta"]!["id"] = "eleven"));
        await Pd(Types, "v1 meta.timestamp_micro negative", 400, V1(o => o["meta"]!["timestamp_micro"] = -1));
        await Pd(Types, "v1 retry \"often\"", 400, V1(o => o["retry"] = "often"));
        await Pd(Types, "v1 current array", 400, V1(o => o["current"] = new JsonArray()));

        // --- Unknown entity or action ---
        const string Unknown = "unknown entity or action";
        await Pd(Unknown, "entity with upper case and symbols", 400, V2(o => o["meta"]!["entity"] = "Person!"));
        await Pd(Unknown, "action with upper case", 400, V2(o => o["meta"]!["action"] = "CHANGE"));
        await Pd(Unknown, "entity missing", 400, V2(o => o["meta"]!.AsObject().Remove("entity")));
        await Pd(Unknown, "action missing", 400, V2(o => o["meta"]!.AsObject().Remove("action")));
        await Pd(Unknown, "entity over 64 characters", 400, V2(o => o["meta"]!["entity"] = new string('p', 65)));
        await Pd(Unknown, "v1 object missing and no event", 400, V1(o => { o["meta"]!.AsObject().Remove("object"); o.Remove("event"); }));

        // Well-formed names the app does not synchronise are acknowledged as ignored (2xx, so Pipedrive does not
        // retry and ban the webhook) and change nothing: the documented behaviour of the parser.
        await Case(Unknown, "well-formed unsynchronised entity 'spaceship' (ignored)", 200,
            () => web.PipedriveAsync(a.CompanyId, V2(o => o["meta"]!["entity"] = "spaceship"), credsA), IgnoredOnly);
        await Case(Unknown, "well-formed unknown action 'teleport' (ignored)", 200,
            () => web.PipedriveAsync(a.CompanyId, V2(o => o["meta"]!["action"] = "teleport"), credsA), IgnoredOnly);
        await Case(Unknown, "v1 organization (ignored)", 200,
            () => web.PipedriveAsync(a.CompanyId, V1(o => { o["meta"]!["object"] = "organization"; o["event"] = "updated.organization"; }), credsA), IgnoredOnly);

        // --- Missing meta ---
        const string Meta = "missing meta";
        await Pd(Meta, "no meta", 400, V2(o => o.Remove("meta")));
        await Pd(Meta, "meta null", 400, V2(o => o["meta"] = null));
        await Pd(Meta, "meta array", 400, V2(o => o["meta"] = new JsonArray()));
        await Pd(Meta, "meta empty object", 400, V2(o => o["meta"] = new JsonObject()));
        await Pd(Meta, "no version", 400, V2(o => o["meta"]!.AsObject().Remove("version")));
        await Pd(Meta, "no event id", 400, V2(o => o["meta"]!.AsObject().Remove("id")));
        await Pd(Meta, "blank event id", 400, V2(o => o["meta"]!["id"] = "  "));
        await Pd(Meta, "no entity_id", 400, V2(o => o["meta"]!.AsObject().Remove("entity_id")));
        await Pd(Meta, "no timestamp", 400, V2(o => o["meta"]!.AsObject().Remove("timestamp")));
        await Pd(Meta, "no company_id", 400, V2(o => o["meta"]!.AsObject().Remove("company_id")));
        await Pd(Meta, "change without data", 400, V2(o => o.Remove("data")));
        await Pd(Meta, "v1 update without current", 400, V1(o => o.Remove("current")));
        await Pd(Meta, "v1 without any timestamp", 400, V1(o => { o["meta"]!.AsObject().Remove("timestamp"); o["meta"]!.AsObject().Remove("timestamp_micro"); }));

        // --- Company in the body differs from the route ---
        const string Company = "company id in body differs from route";
        await Pd(Company, "v2 body names B, route and credentials A", 400, V2(company: b.CompanyId));
        await Pd(Company, "v1 body names B", 400, V1(o => o["meta"]!["company_id"] = b.CompanyId));
        await Pd(Company, "v2 body names company 0", 400, V2(o => o["meta"]!["company_id"] = "0"));
        await Pd(Company, "v2 body names B, route B with A's credentials", 401, V2(company: b.CompanyId), route: b.CompanyId);

        // --- Unknown or uninstalled tenant: 401 alike for everyone without the company's own credentials, so nobody
        // learns which company ids are customers; 410 (stop sending) only for a sender with the right ones ---
        const string Tenant = "unknown or uninstalled tenant";
        await Pd(Tenant, "never installed company", 401, V2(company: neverInstalled), route: neverInstalled);
        await Pd(Tenant, "never installed company, no credentials", 401, V2(company: neverInstalled), auth: null, route: neverInstalled);
        await Pd(Tenant, "never installed company, empty Basic credentials (Og==)", 401, V2(company: neverInstalled), "Basic Og==", route: neverInstalled);
        await Pd(Tenant, "uninstalled company, its old route, made-up credentials", 401, V2(company: gone.CompanyId), WebhookRequests.Basic("x:y"), route: gone.CompanyId);
        await Pd(Tenant, "uninstalled company with A's credentials", 401, V2(company: gone.CompanyId), route: gone.CompanyId);
        await Pd(Tenant, "uninstalled company with its own credentials", 410, V2(company: gone.CompanyId), credsGone, route: gone.CompanyId);
        await Case(Tenant, "Maileon webhook for a never installed company", 401,
            () => web.PostAsync($"/webhooks/maileon/{neverInstalled}/doi?token=abc&email=x%40y.example", null, null));
        await Case(Tenant, "Maileon webhook for an uninstalled company, made-up token", 401,
            () => web.PostAsync($"/webhooks/maileon/{gone.CompanyId}/unsubscription?token=abc&email=x%40y.example", null, null));
        await Case(Tenant, "Maileon webhook for an uninstalled company, its own token", 410,
            () => web.PostAsync($"/webhooks/maileon/{gone.CompanyId}/unsubscription?token={Uri.EscapeDataString(tokenGone)}&email=x%40y.example", null, null));
        await Case(Tenant, "never installed company with a 4 MiB body (refused before it is read)", 401,
            () => web.PostAsync($"/webhooks/pipedrive/{neverInstalled}", new byte[4 * 1024 * 1024], "application/json", credsA));
        await Case(Tenant, "wrong credentials with a body over the limit (refused before it is read)", 401,
            () => web.PostAsync($"/webhooks/pipedrive/{a.CompanyId}", new byte[600 * 1024], "application/json", WebhookRequests.Basic($"{userA}:wrong")));
        await Case(Tenant, "non-numeric company in the route", 404, () => web.PostAsync("/webhooks/pipedrive/abc", Encoding.UTF8.GetBytes(valid), "application/json", credsA));
        await Case(Tenant, "company id overflowing 64 bits", 404, () => web.PostAsync("/webhooks/pipedrive/99999999999999999999999", Encoding.UTF8.GetBytes(valid), "application/json", credsA));

        // --- Missing or wrong Basic credentials ---
        const string Creds = "missing or wrong Basic credentials";
        await Case(Creds, "none", 401, () => web.PipedriveAsync(a.CompanyId, valid, null),
            r => r.WwwAuthenticate.StartsWith("Basic", StringComparison.Ordinal) ? null : "no WWW-Authenticate: Basic challenge");
        await Pd(Creds, "Bearer scheme", 401, valid, "Bearer " + passwordA);
        await Pd(Creds, "Basic, not base64", 401, valid, "Basic %%%not-base64%%%");
        await Pd(Creds, "Basic, empty", 401, valid, "Basic ");
        await Pd(Creds, "right user, wrong password", 401, valid, WebhookRequests.Basic($"{userA}:wrong"));
        await Pd(Creds, "right user, password with the last character changed", 401, valid,
            WebhookRequests.Basic($"{userA}:{passwordA[..^1]}{(passwordA[^1] == 'a' ? 'b' : 'a')}"));
        await Pd(Creds, "right user, password prefix", 401, valid, WebhookRequests.Basic($"{userA}:{passwordA[..^4]}"));
        await Pd(Creds, "right password, wrong user", 401, valid, WebhookRequests.Basic($"{userB}:{passwordA}"));
        await Pd(Creds, "no colon", 401, valid, WebhookRequests.Basic(userA + passwordA));
        await Pd(Creds, "password with a trailing newline", 401, valid, WebhookRequests.Basic($"{userA}:{passwordA}\n"));
        await Pd(Creds, "upper-cased password", 401, valid, WebhookRequests.Basic($"{userA}:{passwordA.ToUpperInvariant()}"));
        await Pd(Creds, "tenant B's credentials on A's route", 401, valid, credsB);
        await Pd(Creds, "operator credentials", 401, valid, WebhookRequests.Basic($"{ProcessCluster.OperatorUser}:{ProcessCluster.OperatorPassword}"));
        await Pd(Creds, "app client credentials", 401, valid, WebhookRequests.Basic($"{SandboxProcess.ClientId}:{SandboxProcess.ClientSecret}"));

        // --- Maileon webhooks: wrong token, another tenant's contact, bad fields ---
        const string Maileon = "Maileon webhook";
        var externalB = $"pd-{b.CompanyId}-{personB}";
        string MaileonPath(string @event, string? token, string email = "bea@beta.example", string? externalId = null, long? company = null) =>
            $"/webhooks/maileon/{company ?? a.CompanyId}/{@event}?{(token is null ? "" : "token=" + Uri.EscapeDataString(token) + "&")}email={Uri.EscapeDataString(email)}&external_id={Uri.EscapeDataString(externalId ?? $"pd-{a.CompanyId}-{Person}")}";
        await Case(Maileon, "no token", 401, () => web.PostAsync(MaileonPath("doi", null), null, null));
        await Case(Maileon, "empty token", 401, () => web.PostAsync(MaileonPath("doi", ""), null, null));
        await Case(Maileon, "wrong token", 401, () => web.PostAsync(MaileonPath("doi", "not-the-token"), null, null));
        await Case(Maileon, "token with the last character changed", 401, () => web.PostAsync(MaileonPath("doi", tokenA[..^1] + (tokenA[^1] == 'a' ? 'b' : 'a')), null, null));
        await Case(Maileon, "tenant B's token on A's route", 401, () => web.PostAsync(MaileonPath("unsubscription", tokenB, externalId: externalB), null, null));
        await Case(Maileon, "A's token on B's route, for B's contact", 401,
            () => web.PostAsync(MaileonPath("unsubscription", tokenA, externalId: externalB, company: b.CompanyId), null, null));
        await Case(Maileon, "unknown event name", 404, () => web.PostAsync(MaileonPath("open", tokenA), null, null),
            answer => answer.Body.Contains("doi, unsubscription or bounce", StringComparison.Ordinal) ? null : "the answer does not name the events there are");
        await Case(Maileon, "bounce with the wrong token", 401, () => web.PostAsync(MaileonPath("bounce", "not-the-token"), null, null));
        await Case(Maileon, "malformed JSON body", 400, () => web.PostAsync(MaileonPath("doi", tokenA), "{\"email\":"u8.ToArray()));
        await Case(Maileon, "array body", 400, () => web.PostAsync(MaileonPath("doi", tokenA), "[1,2]"u8.ToArray()));
        await Case(Maileon, "email missing", 400, () => web.PostAsync($"/webhooks/maileon/{a.CompanyId}/doi?token={Uri.EscapeDataString(tokenA)}", null, null));
        await Case(Maileon, "email without @", 400, () => web.PostAsync(MaileonPath("doi", tokenA, email: "not-an-address"), null, null));
        await Case(Maileon, "email with two @", 400, () => web.PostAsync(MaileonPath("doi", tokenA, email: "a@b@c.example"), null, null));
        await Case(Maileon, "email body field a number", 400, () => web.PostAsync(MaileonPath("doi", tokenA), "{\"email\":{\"x\":1}}"u8.ToArray()));
        await Case(Maileon, "external id over 255 characters", 400, () => web.PostAsync(MaileonPath("doi", tokenA, externalId: new string('9', 256)), null, null));

        // --- E-mail addresses ---
        const string Emails = "e-mail addresses";
        await Case(Emails, "over-long local part (330 characters)", 400, () => web.PostAsync(MaileonPath("doi", tokenA, email: new string('l', 330) + "@catalogue.example"), null, null));
        await Case(Emails, "local part with a space in the body", 400, () => web.PostAsync(MaileonPath("doi", tokenA), "{\"email\":\"a b@catalogue.example\"}"u8.ToArray()));
        await Case(Emails, "control character", 400, () => web.PostAsync(MaileonPath("doi", tokenA), "{\"email\":\"a\\u0007b@catalogue.example\"}"u8.ToArray()));
        await Case(Emails, "domain without a dot", 400, () => web.PostAsync(MaileonPath("doi", tokenA, email: "a@localhost"), null, null));
        await Case(Emails, "empty domain label", 400, () => web.PostAsync(MaileonPath("doi", tokenA, email: "a@x..example"), null, null));

        var rejected = catalogue.Count;

        // Everything refused so far must still have left no trace once any asynchronous work would have run.
        await Task.Delay(1500);
        var afterA = await TenantFootprint.ReadAsync(Deployment, a.CompanyId, a.ApiKey);
        var afterB = await TenantFootprint.ReadAsync(Deployment, b.CompanyId, b.ApiKey);
        var afterGone = await TenantFootprint.ReadAsync(Deployment, gone.CompanyId, gone.ApiKey);
        catalogue.Record("no state change (settled)", "tenant A", baseA.ToString(), afterA.ToString(), afterA == baseA);
        catalogue.Record("no state change (settled)", "tenant B (target of cross-tenant cases)", baseB.ToString(), afterB.ToString(), afterB == baseB);
        catalogue.Record("no state change (settled)", "uninstalled tenant", baseGone.ToString(), afterGone.ToString(), afterGone == baseGone);
        Assert.Equal("Awaiting confirmation", await b.NewsletterAsync(personB));

        // --- Accepted: what the senders legitimately send, and legal addresses (these do change state) ---
        const string Accepted = "accepted as documented (coercible types, legal addresses)";
        async Task Accept(string name, Func<Task<WebhookRequests.Answer>> send)
        {
            var answer = await send();
            catalogue.Record(Accepted, name, "2xx", answer.ToString(), answer.Code is >= 200 and < 300);
        }

        await Accept("v2 ids as strings (as v2 sends them)", () => web.PipedriveAsync(a.CompanyId, V2(), credsA));
        await Accept("v2 ids as numbers (as v1 sends them)", () => web.PipedriveAsync(a.CompanyId,
            V2(o => { o["meta"]!["entity_id"] = Person + 1; o["meta"]!["company_id"] = a.CompanyId; o["meta"]!["user_id"] = a.Admin.UserId; o["data"]!["id"] = Person + 1; }), credsA));
        await Accept("company id with leading zeros in the route (the same company, and the same rate bucket)", () => web.PostAsync(
            $"/webhooks/pipedrive/000{a.CompanyId}", Encoding.UTF8.GetBytes(V2(o => o["meta"]!["id"] = Guid.NewGuid().ToString())), "application/json", credsA));
        await Accept("v1 ids as numbers", () => web.PipedriveAsync(a.CompanyId, V1(), credsA));
        await Accept("v1 ids as strings", () => web.PipedriveAsync(a.CompanyId,
            V1(o => { o["meta"]!["id"] = (Person + 2).ToString(CultureInfo.InvariantCulture); o["meta"]!["company_id"] = a.CompanyId.ToString(CultureInfo.InvariantCulture); o["current"]!["id"] = (Person + 2).ToString(CultureInfo.InvariantCulture); o["previous"]!["id"] = (Person + 2).ToString(CultureInfo.InvariantCulture); o["retry"] = "0"; }), credsA));
        await Accept("v2 timestamp as epoch number", () => web.PipedriveAsync(a.CompanyId, V2(o => o["meta"]!["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds()), credsA));
        await Accept("v2 is_bulk_edit as \"false\"", () => web.PipedriveAsync(a.CompanyId, V2(o => o["meta"]!["is_bulk_edit"] = "false"), credsA));
        await Accept("content type with charset", () => web.PipedriveAsync(a.CompanyId, V2(), credsA, "application/json; charset=utf-8"));
        await Accept("address with + (raw in the URL, decoded to a space)", () => web.PostAsync(
            $"/webhooks/maileon/{a.CompanyId}/doi?token={Uri.EscapeDataString(tokenA)}&email=first+tag@catalogue.example&external_id=pd-{a.CompanyId}-{Person}", null, null));
        await Accept("address with + in the body", () => web.PostAsync(MaileonPath("doi", tokenA),
            Encoding.UTF8.GetBytes(new JsonObject { ["email"] = "first+tag@catalogue.example" }.ToJsonString())));
        await Accept("Unicode address", () => web.PostAsync(MaileonPath("doi", tokenA, email: "jürgen.müller@bücher.example"), null, null));
        await Accept("64-character local part", () => web.PostAsync(MaileonPath("doi", tokenA, email: new string('l', 64) + "@catalogue.example"), null, null));

        // Maileon facts reach a company by address, whoever's external id the contact carries (one Maileon account may
        // serve several companies): A records the unsubscribe of the address for itself; B is untouched.
        await Accept("A's token and route, B's contact (recorded for A's address)", () => web.PostAsync(MaileonPath("unsubscription", tokenA, externalId: externalB), null, null));
        await Task.Delay(1500);
        var afterCross = await TenantFootprint.ReadAsync(Deployment, b.CompanyId, b.ApiKey);
        catalogue.Record("no state change (settled)", "tenant B after A's route got B's contact", afterB.ToString(), afterCross.ToString(), afterCross == afterB);
        Assert.Equal("Awaiting confirmation", await b.NewsletterAsync(personB));

        catalogue.Print($"Webhook bad-input catalogue ({rejected} refused cases + {catalogue.Count - rejected} checks/accepted)");
        catalogue.AssertAll();
    }

    private static string? IgnoredOnly(WebhookRequests.Answer answer) =>
        answer.Body.Contains("\"ignored\"", StringComparison.Ordinal) ? null : "expected status ignored";

    private static string Nest(int levels) => string.Concat(Enumerable.Repeat("{\"a\":", levels)) + "1" + new string('}', levels);
}
