using System.Globalization;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>
/// Entries on a person's timeline: activities (API v2; scope <c>activities:full</c>) and notes (v1, the only notes
/// API; scope <c>contacts:full</c>). Creates are not repeated on failure (a lost response would leave a duplicate; the
/// caller looks for its own entry before trying again); updates set absolute values and are repeated.
/// </summary>
public sealed partial class PipedriveApiClient
{
    private const int MaxTimelinePageSize = 500;

    /// <summary><c>POST /api/v2/activities</c>.</summary>
    public async Task<PipedriveActivity> CreateActivityAsync(
        PipedriveConnection connection, PipedriveActivityDefinition activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        using var document = await SendAsync(
            connection, "CreateActivity", HttpMethod.Post, "/api/v2/activities", ActivityBody(activity), false, false, cancellationToken);
        return PipedriveActivity.Parse(Data(document!, "CreateActivity"));
    }

    /// <summary><c>PATCH /api/v2/activities/{id}</c>; null when the activity is gone (deleted by a user).</summary>
    public async Task<PipedriveActivity?> UpdateActivityAsync(
        PipedriveConnection connection, long activityId, PipedriveActivityDefinition activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        using var document = await SendAsync(
            connection, "UpdateActivity", HttpMethod.Patch, $"/api/v2/activities/{Id(activityId)}", ActivityBody(activity), true, true, cancellationToken);
        return document is null ? null : PipedriveActivity.Parse(Data(document, "UpdateActivity"));
    }

    /// <summary><c>GET /api/v2/activities/{id}</c>; null when it does not exist or was deleted.</summary>
    public async Task<PipedriveActivity?> GetActivityAsync(PipedriveConnection connection, long activityId, CancellationToken cancellationToken = default)
    {
        using var document = await SendAsync(
            connection, "GetActivity", HttpMethod.Get, $"/api/v2/activities/{Id(activityId)}", null, true, false, cancellationToken);
        return document is null ? null : PipedriveActivity.Parse(Data(document, "GetActivity"));
    }

    /// <summary><c>GET /api/v2/activities?person_id&amp;limit[&amp;cursor]</c>: one page of a person's activities.</summary>
    public async Task<PipedriveActivityPage> ListPersonActivitiesAsync(
        PipedriveConnection connection, long personId, string? cursor = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxTimelinePageSize);
        var query = new QueryString().Add("person_id", personId).Add("limit", (long)limit).Add("cursor", cursor);
        using var document = await SendAsync(connection, "ListActivities", HttpMethod.Get, "/api/v2/activities" + query, null, false, false, cancellationToken);
        var root = document!.RootElement;
        var next = JsonValues.Property(root, "additional_data") is { } additional ? JsonValues.String(additional, "next_cursor") : null;
        return new PipedriveActivityPage(JsonValues.Array(root, "data").Select(PipedriveActivity.Parse).ToArray(), string.IsNullOrEmpty(next) ? null : next);
    }

    /// <summary><c>POST /api/v1/notes</c> with <c>content</c> (HTML) on one person.</summary>
    public async Task<PipedriveNote> CreateNoteAsync(PipedriveConnection connection, long personId, string content, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(content);
        var body = WriteJson(writer =>
        {
            writer.WriteString("content", content);
            writer.WriteNumber("person_id", personId);
        });
        using var document = await SendAsync(connection, "CreateNote", HttpMethod.Post, "/api/v1/notes", body, false, false, cancellationToken);
        return PipedriveNote.Parse(Data(document!, "CreateNote"));
    }

    /// <summary><c>PUT /api/v1/notes/{id}</c> with new content; null when the note is gone.</summary>
    public async Task<PipedriveNote?> UpdateNoteAsync(PipedriveConnection connection, long noteId, string content, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(content);
        var body = WriteJson(writer => writer.WriteString("content", content));
        using var document = await SendAsync(connection, "UpdateNote", HttpMethod.Put, $"/api/v1/notes/{Id(noteId)}", body, true, true, cancellationToken);
        return document is null ? null : PipedriveNote.Parse(Data(document, "UpdateNote"));
    }

    /// <summary><c>GET /api/v1/notes?person_id&amp;start&amp;limit&amp;sort=id ASC</c>: one page of a person's notes.</summary>
    public async Task<PipedriveNotePage> ListPersonNotesAsync(
        PipedriveConnection connection, long personId, long start = 0, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxTimelinePageSize);
        var query = new QueryString().Add("person_id", personId).Add("start", start).Add("limit", (long)limit).Add("sort", "id ASC");
        using var document = await SendAsync(connection, "ListNotes", HttpMethod.Get, "/api/v1/notes" + query, null, false, false, cancellationToken);
        var root = document!.RootElement;
        var pagination = JsonValues.Property(root, "additional_data") is { } additional ? JsonValues.Property(additional, "pagination") : null;
        var more = pagination is { } p && JsonValues.Boolean(p, "more_items_in_collection") == true;
        var items = JsonValues.Array(root, "data").Select(PipedriveNote.Parse).ToArray();
        return new PipedriveNotePage(items, more ? JsonValues.Int64(pagination!.Value, "next_start") ?? start + items.Length : null);
    }

    private static byte[] ActivityBody(PipedriveActivityDefinition activity) => WriteJson(writer =>
    {
        writer.WriteString("subject", activity.Subject);
        writer.WriteString("type", activity.Type);
        writer.WriteNumber("person_id", activity.PersonId);
        writer.WriteBoolean("done", activity.Done);
        if (activity.Note is not null)
        {
            writer.WriteString("note", activity.Note);
        }

        if (activity.DueDate is { } due)
        {
            writer.WriteString("due_date", due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    });
}
