using System.Text.Json.Nodes;

namespace PipedriveMaileon.Sandbox.Tests.Pipedrive;

/// <summary>
/// Activities (API v2), notes (v1, the only notes API) and activity types, checked against the response schemas of
/// Pipedrive's specs, with the spec's scopes: a token without <c>activities:full</c> gets 403.
/// </summary>
public sealed class TimelineConformanceTests(ActivityScopesSandbox fixture) : IClassFixture<ActivityScopesSandbox>
{
    private readonly SandboxSession session = new(fixture.Factory.CreateClient());

    [Fact]
    public async Task Activities_crud_list_filters_and_pagination_match_the_v2_spec()
    {
        var (token, person, other) = await CompanyWithPersonsAsync("Activities AG");
        var created = await session.ApiAsync(token, HttpMethod.Post, "/api/v2/activities", new
        {
            subject = "Opened 'December news'", type = "email", person_id = person, done = true, due_date = "2026-05-27", note = "<p>2 opens</p>",
        });
        OpenApiSpec.V2.AssertValid("POST", "/activities", 200, created);
        var data = JsonNode.Parse(created.Body)!["data"]!;
        var id = data["id"]!.GetValue<long>();
        Assert.Equal(person, data["person_id"]!.GetValue<long>());
        Assert.True(data["participants"]![0]!["primary"]!.GetValue<bool>());
        Assert.NotNull(data["marked_as_done_time"]);

        var defaulted = await session.ApiAsync(token, HttpMethod.Post, "/api/v2/activities", new { person_id = other });
        Assert.Equal("Call", JsonNode.Parse(defaulted.Body)!["data"]!["subject"]!.GetValue<string>());
        Assert.Equal("call", JsonNode.Parse(defaulted.Body)!["data"]!["type"]!.GetValue<string>());

        var patched = await session.ApiAsync(token, HttpMethod.Patch, $"/api/v2/activities/{id}", new { subject = "Opened 'December news' · clicked 2 links", note = "<p>3 opens</p>" });
        OpenApiSpec.V2.AssertValid("PATCH", "/activities/{id}", 200, patched);
        var got = await session.ApiAsync(token, HttpMethod.Get, $"/api/v2/activities/{id}");
        OpenApiSpec.V2.AssertValid("GET", "/activities/{id}", 200, got);
        Assert.Equal("<p>3 opens</p>", JsonNode.Parse(got.Body)!["data"]!["note"]!.GetValue<string>());

        var mine = await session.ApiAsync(token, HttpMethod.Get, $"/api/v2/activities?person_id={person}&done=true");
        OpenApiSpec.V2.AssertValid("GET", "/activities", 200, mine);
        Assert.Equal(id, Assert.Single(JsonNode.Parse(mine.Body)!["data"]!.AsArray())!["id"]!.GetValue<long>());
        var first = await session.ApiAsync(token, HttpMethod.Get, "/api/v2/activities?limit=1&sort_by=update_time&sort_direction=desc");
        var cursor = JsonNode.Parse(first.Body)!["additional_data"]!["next_cursor"]!.GetValue<string>();
        var second = await session.ApiAsync(token, HttpMethod.Get, $"/api/v2/activities?limit=1&sort_by=update_time&sort_direction=desc&cursor={Uri.EscapeDataString(cursor)}");
        Assert.Single(JsonNode.Parse(second.Body)!["data"]!.AsArray());
        Assert.Null(JsonNode.Parse(second.Body)!["additional_data"]!["next_cursor"]);

        OpenApiSpec.V2.AssertValid("DELETE", "/activities/{id}", 200, await session.ApiAsync(token, HttpMethod.Delete, $"/api/v2/activities/{id}"));
        var gone = await session.ApiAsync(token, HttpMethod.Get, $"/api/v2/activities/{id}");
        Assert.Equal(404, gone.Status);
        OpenApiSpec.AssertJsonContentType(gone.Response);
    }

    [Fact]
    public async Task Activities_refuse_unknown_types_persons_of_other_companies_and_bad_dates()
    {
        var (token, person, _) = await CompanyWithPersonsAsync("Refusals AG");
        var (_, foreign, _) = await CompanyWithPersonsAsync("Foreign AG");
        foreach (var (body, message) in new (object Body, string Message)[]
        {
            (new { type = "newsletter", person_id = person }, "Activity type 'newsletter' does not exist."),
            (new { person_id = foreign }, $"Person with id {foreign} not found."),
            (new { person_id = person, due_date = "27.05.2026" }, "due_date must be formatted YYYY-MM-DD."),
            (new { person_id = person, done = "yes" }, "done must be true or false."),
        })
        {
            var refused = await session.ApiAsync(token, HttpMethod.Post, "/api/v2/activities", body);
            Assert.Equal(400, refused.Status);
            OpenApiSpec.AssertJsonContentType(refused.Response);
            Assert.Equal(message, JsonNode.Parse(refused.Body)!["error"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Notes_crud_and_list_match_the_v1_spec()
    {
        var (token, person, _) = await CompanyWithPersonsAsync("Notes AG");
        var created = await session.ApiAsync(token, HttpMethod.Post, "/api/v1/notes", new { content = "<p>Opened <b>December news</b></p>", person_id = person });
        OpenApiSpec.V1.AssertValid("POST", "/notes", 200, created);
        var data = JsonNode.Parse(created.Body)!["data"]!;
        var id = data["id"]!.GetValue<long>();
        Assert.Equal("Note Person", data["person"]!["name"]!.GetValue<string>());
        Assert.True(data["user"]!["is_you"]!.GetValue<bool>());

        var updated = await session.ApiAsync(token, HttpMethod.Put, $"/api/v1/notes/{id}", new { content = "<p>Opened twice</p>" });
        OpenApiSpec.V1.AssertValid("PUT", "/notes/{id}", 200, updated);
        OpenApiSpec.V1.AssertValid("GET", "/notes/{id}", 200, await session.ApiAsync(token, HttpMethod.Get, $"/api/v1/notes/{id}"));
        await session.ApiAsync(token, HttpMethod.Post, "/api/v1/notes", new { content = "second", person_id = person });

        var list = await session.ApiAsync(token, HttpMethod.Get, $"/api/v1/notes?person_id={person}&start=0&limit=1&sort=add_time%20DESC");
        OpenApiSpec.V1.AssertValid("GET", "/notes", 200, list);
        var pagination = JsonNode.Parse(list.Body)!["additional_data"]!["pagination"]!;
        Assert.True(pagination["more_items_in_collection"]!.GetValue<bool>());
        Assert.Equal(1, pagination["next_start"]!.GetValue<int>());

        var unattached = await session.ApiAsync(token, HttpMethod.Post, "/api/v1/notes", new { content = "floating" });
        Assert.Equal(400, unattached.Status);
        OpenApiSpec.AssertJsonContentType(unattached.Response);
        OpenApiSpec.V1.AssertValid("DELETE", "/notes/{id}", 200, await session.ApiAsync(token, HttpMethod.Delete, $"/api/v1/notes/{id}"));
        Assert.Equal(404, (await session.ApiAsync(token, HttpMethod.Get, $"/api/v1/notes/{id}")).Status);
    }

    [Fact]
    public async Task Activity_types_match_the_v1_spec()
    {
        var token = await session.AccessTokenAsync();
        var types = await session.ApiAsync(token, HttpMethod.Get, "/api/v1/activityTypes");
        OpenApiSpec.V1.AssertValid("GET", "/activityTypes", 200, types);
        Assert.Contains(JsonNode.Parse(types.Body)!["data"]!.AsArray(), t => t!["key_string"]!.GetValue<string>() == "email");
    }

    [Fact]
    public async Task Without_the_activities_scope_activities_are_refused_and_notes_are_not()
    {
        await using var narrow = PipedriveSandboxFactory.WithSettings(new Dictionary<string, string?> { ["Sandbox:Pipedrive:Scopes"] = "base,contacts:full" });
        var narrowSession = new SandboxSession(narrow.CreateClient());
        var token = await narrowSession.AccessTokenAsync();
        var refused = await narrowSession.ApiAsync(token, HttpMethod.Get, "/api/v2/activities");
        Assert.Equal(403, refused.Status);
        OpenApiSpec.AssertJsonContentType(refused.Response);
        Assert.Equal("Scope and URL mismatch", JsonNode.Parse(refused.Body)!["error"]!.GetValue<string>());
        Assert.Equal(200, (await narrowSession.ApiAsync(token, HttpMethod.Get, "/api/v1/notes")).Status);
    }

    private async Task<(string Token, long Person, long Other)> CompanyWithPersonsAsync(string name)
    {
        var company = (await session.ControlAsync(HttpMethod.Post, "/companies", new { name }))["id"]!.GetValue<long>();
        var token = await session.AccessTokenAsync(company);
        var person = JsonNode.Parse((await session.ApiAsync(token, HttpMethod.Post, "/api/v2/persons", new { name = "Note Person" })).Body)!["data"]!["id"]!.GetValue<long>();
        var other = JsonNode.Parse((await session.ApiAsync(token, HttpMethod.Post, "/api/v2/persons", new { name = "Other Person" })).Body)!["data"]!["id"]!.GetValue<long>();
        return (token, person, other);
    }
}
