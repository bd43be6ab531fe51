using System.Net;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Pipedrive;

namespace PipedriveMaileon.UnitTests.ApiClients;

/// <summary>Activities (API v2) and notes (v1) on a person's timeline, in the shapes of Pipedrive's specs.</summary>
public sealed class PipedriveTimelineClientTests : IDisposable
{
    private const string Activity = """
        {"success":true,"data":{"id":71,"subject":"Opened 'December news'","type":"email","owner_id":1,"creator_user_id":1,"is_deleted":false,
         "add_time":"2026-05-27T06:54:41Z","update_time":"2026-05-27T06:54:41Z","deal_id":null,"lead_id":null,"person_id":456,"org_id":null,
         "project_id":null,"due_date":"2026-05-27","due_time":null,"duration":null,"busy":false,"done":true,"marked_as_done_time":"2026-05-27T06:54:41Z",
         "location":null,"participants":[{"person_id":456,"primary":true}],"public_description":null,"priority":null,"note":"<p>2 opens</p>"}}
        """;

    private const string Note = """
        {"success":true,"data":{"id":81,"active_flag":true,"add_time":"2026-05-27 06:54:41","content":"<p>2 opens</p>","deal":null,"lead_id":null,
         "deal_id":null,"last_update_user_id":1,"org_id":null,"organization":null,"person":{"name":"Max"},"person_id":456,"project_id":null,
         "pinned_to_deal_flag":false,"pinned_to_organization_flag":false,"pinned_to_person_flag":false,"update_time":"2026-05-27 06:54:41",
         "user":{"email":"me@pipedrive.com","icon_url":null,"is_you":true,"name":"Me"},"user_id":1}}
        """;

    private readonly ApiClientHarness harness = new();
    private readonly PipedriveConnection connection = new(8087566, new Uri("https://user-company.pipedrive.com"), "v1u:token-for-tests");

    public void Dispose() => harness.Dispose();

    [Fact]
    public async Task CreateActivityPostsTheDoneEntryAndIsNotRepeatedAfterAServerError()
    {
        harness.Handler.Respond(HttpStatusCode.OK, Activity).Respond(HttpStatusCode.ServiceUnavailable, """{"success":false,"error":"down"}""");
        var definition = new PipedriveActivityDefinition("Opened 'December news'", "email", 456, true, "<p>2 opens</p>", new DateOnly(2026, 5, 27));

        var created = await harness.Pipedrive.CreateActivityAsync(connection, definition);
        var failure = await Assert.ThrowsAsync<PipedriveApiException>(() => harness.Pipedrive.CreateActivityAsync(connection, definition));

        var request = harness.Handler.Requests[0];
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/api/v2/activities", request.PathAndQuery);
        Assert.Equal("""{"subject":"Opened \u0027December news\u0027","type":"email","person_id":456,"done":true,"note":"\u003Cp\u003E2 opens\u003C/p\u003E","due_date":"2026-05-27"}""", request.BodyText);
        Assert.Equal(new PipedriveActivity(71, "Opened 'December news'", "email", 456, true, "<p>2 opens</p>", new DateTimeOffset(2026, 5, 27, 6, 54, 41, TimeSpan.Zero), false), created);
        Assert.Equal(ApiFailureKind.Transient, failure.Kind);
        Assert.Equal(2, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task UpdateActivityPatchesIsRetriedAndAGoneActivityIsNull()
    {
        harness.Handler
            .Respond(HttpStatusCode.ServiceUnavailable, """{"success":false,"error":"down"}""")
            .Respond(HttpStatusCode.OK, Activity)
            .Respond(HttpStatusCode.NotFound, PipedriveExamples.EntityNotFound);
        var definition = new PipedriveActivityDefinition("Opened 'December news' · clicked 2 links", "email", 456, true, null, null);

        Assert.NotNull(await harness.Pipedrive.UpdateActivityAsync(connection, 71, definition));
        Assert.Null(await harness.Pipedrive.UpdateActivityAsync(connection, 72, definition));

        Assert.Equal(HttpMethod.Patch, harness.Handler.Requests[0].Method);
        Assert.Equal("/api/v2/activities/71", harness.Handler.Requests[1].PathAndQuery);
        Assert.DoesNotContain("note", harness.Handler.Requests[1].BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersonActivitiesArePagedByCursor()
    {
        harness.Handler.Respond(HttpStatusCode.OK, """{"success":true,"data":[{"id":71,"person_id":456,"done":true,"note":"x"}],"additional_data":{"next_cursor":"eyJpZCI6NzF9"}}""");

        var page = await harness.Pipedrive.ListPersonActivitiesAsync(connection, 456, cursor: "abc", limit: 50);

        Assert.Equal("/api/v2/activities?person_id=456&limit=50&cursor=abc", harness.Handler.Single.PathAndQuery);
        Assert.Equal(71, Assert.Single(page.Items).Id);
        Assert.Equal("eyJpZCI6NzF9", page.NextCursor);
    }

    [Fact]
    public async Task NotesAreCreatedUpdatedAndListedWithV1Pagination()
    {
        harness.Handler
            .Respond(HttpStatusCode.OK, Note)
            .Respond(HttpStatusCode.OK, Note)
            .Respond(HttpStatusCode.OK, """{"success":true,"data":[{"id":81,"content":"a","person_id":456}],"additional_data":{"pagination":{"start":0,"limit":1,"more_items_in_collection":true,"next_start":1}}}""")
            .Respond(HttpStatusCode.OK, """{"success":true,"data":[],"additional_data":{"pagination":{"start":1,"limit":1,"more_items_in_collection":false}}}""");

        var created = await harness.Pipedrive.CreateNoteAsync(connection, 456, "<p>2 opens</p>");
        await harness.Pipedrive.UpdateNoteAsync(connection, 81, "<p>3 opens</p>");
        var first = await harness.Pipedrive.ListPersonNotesAsync(connection, 456, 0, 1);
        var last = await harness.Pipedrive.ListPersonNotesAsync(connection, 456, 1, 1);

        Assert.Equal("""{"content":"\u003Cp\u003E2 opens\u003C/p\u003E","person_id":456}""", harness.Handler.Requests[0].BodyText);
        Assert.Equal((HttpMethod.Put, "/api/v1/notes/81"), (harness.Handler.Requests[1].Method, harness.Handler.Requests[1].PathAndQuery));
        Assert.Equal("/api/v1/notes?person_id=456&start=0&limit=1&sort=id%20ASC", harness.Handler.Requests[2].PathAndQuery);
        Assert.Equal(new PipedriveNote(81, "<p>2 opens</p>", 456, new DateTimeOffset(2026, 5, 27, 6, 54, 41, TimeSpan.Zero)), created);
        Assert.Equal(1, first.NextStart);
        Assert.Null(last.NextStart);
    }
}
