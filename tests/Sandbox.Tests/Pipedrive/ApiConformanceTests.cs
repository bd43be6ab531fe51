using System.Text.Json.Nodes;

namespace PipedriveMaileon.Sandbox.Tests.Pipedrive;

/// <summary>API responses checked against the response schemas of Pipedrive's v1 and v2 OpenAPI files.</summary>
public sealed class ApiConformanceTests(PipedriveSandboxFactory factory) : IClassFixture<PipedriveSandboxFactory>
{
    private readonly SandboxSession session = new(factory.CreateClient());

    [Fact]
    public async Task Persons_crud_list_and_search_match_the_v2_spec()
    {
        var token = await session.AccessTokenAsync();
        var created = await session.ApiAsync(token, HttpMethod.Post, "/api/v2/persons", new
        {
            name = "Spec Person",
            emails = new[] { new { value = "spec.person@example.test", primary = true, label = "work" } },
            org_id = 1,
        });
        Assert.Equal(200, created.Status);
        OpenApiSpec.V2.AssertValid("POST", "/persons", 200, created);
        var id = JsonNode.Parse(created.Body)!["data"]!["id"]!.GetValue<long>();

        var got = await session.ApiAsync(token, HttpMethod.Get, $"/api/v2/persons/{id}");
        OpenApiSpec.V2.AssertValid("GET", "/persons/{id}", 200, got);
        Assert.Equal("spec.person@example.test", JsonNode.Parse(got.Body)!["data"]!["emails"]![0]!["value"]!.GetValue<string>());

        var patched = await session.ApiAsync(token, HttpMethod.Patch, $"/api/v2/persons/{id}", new { name = "Spec Person Renamed" });
        OpenApiSpec.V2.AssertValid("PATCH", "/persons/{id}", 200, patched);
        Assert.Equal("Spec Person Renamed", JsonNode.Parse(patched.Body)!["data"]!["name"]!.GetValue<string>());

        var list = await session.ApiAsync(token, HttpMethod.Get, "/api/v2/persons?limit=1&sort_by=update_time");
        OpenApiSpec.V2.AssertValid("GET", "/persons", 200, list);
        var cursor = JsonNode.Parse(list.Body)!["additional_data"]!["next_cursor"]!.GetValue<string>();
        var second = await session.ApiAsync(token, HttpMethod.Get, $"/api/v2/persons?limit=1&sort_by=update_time&cursor={Uri.EscapeDataString(cursor)}");
        Assert.Single(JsonNode.Parse(second.Body)!["data"]!.AsArray());

        var since = await session.ApiAsync(token, HttpMethod.Get, $"/api/v2/persons?updated_since={Uri.EscapeDataString(DateTime.UtcNow.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture))}");
        Assert.Contains(JsonNode.Parse(since.Body)!["data"]!.AsArray(), p => p!["id"]!.GetValue<long>() == id);

        var search = await session.ApiAsync(token, HttpMethod.Get, "/api/v2/persons/search?term=spec.person%40example.test&fields=email&exact_match=true");
        OpenApiSpec.V2.AssertValid("GET", "/persons/search", 200, search);
        Assert.Equal(id, JsonNode.Parse(search.Body)!["data"]!["items"]![0]!["item"]!["id"]!.GetValue<long>());

        var deleted = await session.ApiAsync(token, HttpMethod.Delete, $"/api/v2/persons/{id}");
        OpenApiSpec.V2.AssertValid("DELETE", "/persons/{id}", 200, deleted);
        var missing = await session.ApiAsync(token, HttpMethod.Get, $"/api/v2/persons/{id}");
        Assert.Equal(404, missing.Status);
        OpenApiSpec.AssertJsonContentType(missing.Response);
        Assert.Equal("Entity was not found", JsonNode.Parse(missing.Body)!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Person_fields_with_options_and_custom_values_match_the_specs()
    {
        var company = (await session.ControlAsync(HttpMethod.Post, "/companies", new { name = "Fields AG" }))["id"]!.GetValue<long>();
        var token = await session.AccessTokenAsync(company);
        var created = await session.ApiAsync(token, HttpMethod.Post, "/api/v1/personFields", new
        {
            name = "Newsletter",
            field_type = "enum",
            options = new[] { new { label = "Subscribe" }, new { label = "Subscribed" }, new { label = "Unsubscribed" } },
            add_visible_flag = false,
        });
        Assert.Equal(200, created.Status);
        OpenApiSpec.V1.AssertValid("POST", "/personFields", 200, created);
        var field = JsonNode.Parse(created.Body)!["data"]!;
        var key = field["key"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{40}$", key);
        var optionId = field["options"]![1]!["id"]!.GetValue<long>();

        var list = await session.ApiAsync(token, HttpMethod.Get, "/api/v1/personFields?start=0&limit=100");
        OpenApiSpec.V1.AssertValid("GET", "/personFields", 200, list);
        Assert.Contains(JsonNode.Parse(list.Body)!["data"]!.AsArray(), f => f!["key"]!.GetValue<string>() == key && f["edit_flag"]!.GetValue<bool>());
        OpenApiSpec.V2.AssertValid("GET", "/personFields", 200, await session.ApiAsync(token, HttpMethod.Get, "/api/v2/personFields"));

        var person = await session.ApiAsync(token, HttpMethod.Post, "/api/v2/persons", new { name = "Option Person" });
        var personId = JsonNode.Parse(person.Body)!["data"]!["id"]!.GetValue<long>();
        var patched = await session.ApiAsync(token, HttpMethod.Patch, $"/api/v2/persons/{personId}",
            new JsonObject { ["custom_fields"] = new JsonObject { [key] = optionId } });
        Assert.Equal(optionId, JsonNode.Parse(patched.Body)!["data"]!["custom_fields"]![key]!.GetValue<long>());
        var invalid = await session.ApiAsync(token, HttpMethod.Patch, $"/api/v2/persons/{personId}", new JsonObject { ["custom_fields"] = new JsonObject { [key] = 999999 } });
        Assert.Equal(400, invalid.Status);
        OpenApiSpec.AssertJsonContentType(invalid.Response);

        var deleted = await session.ApiAsync(token, HttpMethod.Delete, $"/api/v1/personFields/{field["id"]!.GetValue<long>()}");
        OpenApiSpec.V1.AssertValid("DELETE", "/personFields/{id}", 200, deleted);
        var after = JsonNode.Parse((await session.ApiAsync(token, HttpMethod.Get, $"/api/v2/persons/{personId}")).Body)!;
        Assert.False(after["data"]!["custom_fields"]!.AsObject().ContainsKey(key));
    }

    [Fact]
    public async Task Users_organizations_and_deals_match_the_specs()
    {
        var token = await session.AccessTokenAsync();
        OpenApiSpec.V1.AssertValid("GET", "/users/me", 200, await session.ApiAsync(token, HttpMethod.Get, "/api/v1/users/me"));
        OpenApiSpec.V1.AssertValid("GET", "/users/{id}", 200, await session.ApiAsync(token, HttpMethod.Get, $"/api/v1/users/{SandboxSession.DemoAdmin}"));
        var missingUser = await session.ApiAsync(token, HttpMethod.Get, "/api/v1/users/1");
        Assert.Equal(404, missingUser.Status);
        OpenApiSpec.V1.AssertValid("GET", "/users/{id}", 404, missingUser);
        OpenApiSpec.V2.AssertValid("GET", "/organizations/{id}", 200, await session.ApiAsync(token, HttpMethod.Get, "/api/v2/organizations/1"));

        var deal = await session.ApiAsync(token, HttpMethod.Post, "/api/v2/deals", new { title = "Spec deal", value = 100, person_id = 1 });
        OpenApiSpec.V2.AssertValid("POST", "/deals", 200, deal);
        var id = JsonNode.Parse(deal.Body)!["data"]!["id"]!.GetValue<long>();
        var got = await session.ApiAsync(token, HttpMethod.Get, $"/api/v2/deals/{id}?include_fields=smart_bcc_email");
        OpenApiSpec.V2.AssertValid("GET", "/deals/{id}", 200, got);
        Assert.EndsWith("@pipedrivemail.com", JsonNode.Parse(got.Body)!["data"]!["smart_bcc_email"]!.GetValue<string>(), StringComparison.Ordinal);
        OpenApiSpec.V2.AssertValid("PATCH", "/deals/{id}", 200, await session.ApiAsync(token, HttpMethod.Patch, $"/api/v2/deals/{id}", new { status = "won" }));
        OpenApiSpec.V2.AssertValid("GET", "/deals", 200, await session.ApiAsync(token, HttpMethod.Get, "/api/v2/deals"));
        OpenApiSpec.V2.AssertValid("DELETE", "/deals/{id}", 200, await session.ApiAsync(token, HttpMethod.Delete, $"/api/v2/deals/{id}"));
    }

    [Fact]
    public async Task Webhooks_create_list_delete_limits_and_errors_match_the_v1_spec()
    {
        var company = (await session.ControlAsync(HttpMethod.Post, "/companies", new { name = "Hooks AG" }))["id"]!.GetValue<long>();
        var token = await session.AccessTokenAsync(company);
        var created = await session.ApiAsync(token, HttpMethod.Post, "/api/v1/webhooks", new
        {
            subscription_url = "https://app.test/pipedrive/webhooks/1", event_action = "change", event_object = "person", name = "sync",
            http_auth_user = "pd", http_auth_password = "pw-secret", version = "2.0",
        });
        Assert.Equal(201, created.Status);
        OpenApiSpec.V1.AssertValid("POST", "/webhooks", 201, created);
        var data = JsonNode.Parse(created.Body)!["data"]!;
        Assert.Equal("pd", data["http_auth_user"]!.GetValue<string>());
        Assert.Equal("pw-secret", data["http_auth_password"]!.GetValue<string>());
        Assert.Equal(1, data["is_active"]!.GetValue<int>());
        Assert.Equal("application", data["type"]!.GetValue<string>());

        var list = await session.ApiAsync(token, HttpMethod.Get, "/api/v1/webhooks");
        OpenApiSpec.V1.AssertValid("GET", "/webhooks", 200, list);
        var masked = await session.ControlAsync(HttpMethod.Get, $"/webhooks?companyId={company}");
        Assert.Equal("***", masked[0]!["http_auth_password"]!.GetValue<string>());

        var bad = await session.ApiAsync(token, HttpMethod.Post, "/api/v1/webhooks", new { subscription_url = "not a url", event_action = "change", event_object = "person", name = "x" });
        Assert.Equal(400, bad.Status);
        OpenApiSpec.V1.AssertValid("POST", "/webhooks", 400, bad);
        Assert.Equal("invalid or non-reachable URL", JsonNode.Parse(bad.Body)!["errors"]!["subscription_url"]![0]!.GetValue<string>());

        for (var i = 1; i < 40; i++)
        {
            Assert.Equal(201, (await session.ApiAsync(token, HttpMethod.Post, "/api/v1/webhooks",
                new { subscription_url = $"https://app.test/h/{i}", event_action = "*", event_object = "*", name = $"h{i}" })).Status);
        }

        var over = await session.ApiAsync(token, HttpMethod.Post, "/api/v1/webhooks", new { subscription_url = "https://app.test/h/41", event_action = "*", event_object = "*", name = "h41" });
        Assert.Equal(422, over.Status);
        OpenApiSpec.AssertJsonContentType(over.Response);

        var id = data["id"]!.GetValue<long>();
        var deleted = await session.ApiAsync(token, HttpMethod.Delete, $"/api/v1/webhooks/{id}");
        OpenApiSpec.V1.AssertValid("DELETE", "/webhooks/{id}", 200, deleted);
        var again = await session.ApiAsync(token, HttpMethod.Delete, $"/api/v1/webhooks/{id}");
        Assert.Equal(404, again.Status);
        OpenApiSpec.V1.AssertValid("DELETE", "/webhooks/{id}", 404, again);
    }

    [Fact]
    public async Task Forced_429_carries_retry_after_and_counters_track_token_cost()
    {
        var company = (await session.ControlAsync(HttpMethod.Post, "/companies", new { name = "Limits AG" }))["id"]!.GetValue<long>();
        var token = await session.AccessTokenAsync(company);
        var ok = await session.ApiAsync(token, HttpMethod.Get, "/api/v1/users/me");
        Assert.Equal("80", ok.Response.Headers.GetValues("x-ratelimit-limit").Single());
        Assert.True(ok.Response.Headers.Contains("x-ratelimit-remaining"));
        Assert.True(ok.Response.Headers.Contains("x-ratelimit-reset"));
        Assert.True(ok.Response.Headers.Contains("x-daily-requests-left"));

        await session.ControlAsync(HttpMethod.Post, "/rate-limit", new { companyId = company, calls = 2, retryAfterSeconds = 3 });
        for (var i = 0; i < 2; i++)
        {
            var limited = await session.ApiAsync(token, HttpMethod.Get, "/api/v2/persons/1");
            Assert.Equal(429, limited.Status);
            OpenApiSpec.AssertJsonContentType(limited.Response);
            Assert.Equal("3", limited.Response.Headers.GetValues("Retry-After").Single());
        }

        Assert.Equal(404, (await session.ApiAsync(token, HttpMethod.Get, "/api/v2/persons/1")).Status); // person 1 belongs to the demo company
        Assert.Equal(200, (await session.ApiAsync(token, HttpMethod.Get, "/v1/users/me")).Status);

        var counters = await session.ControlAsync(HttpMethod.Get, $"/counters?companyId={company}");
        var me = counters["endpoints"]!.AsArray().Single(e => e!["endpoint"]!.GetValue<string>() == "GET /api/v1/users/me")!;
        Assert.Equal(2, me["calls"]!.GetValue<long>());
        Assert.Equal(2 * OpenApiSpec.V1.TokenCost("GET", "/users/me"), me["tokenCost"]!.GetValue<long>());
        var person = counters["endpoints"]!.AsArray().Single(e => e!["endpoint"]!.GetValue<string>() == "GET /api/v2/persons/{id}")!;
        Assert.Equal(3, person["calls"]!.GetValue<long>());
        Assert.Equal(2, person["rateLimited"]!.GetValue<long>());
        Assert.Equal(OpenApiSpec.V2.TokenCost("GET", "/persons/{id}"), person["tokenCost"]!.GetValue<long>());
    }
}
