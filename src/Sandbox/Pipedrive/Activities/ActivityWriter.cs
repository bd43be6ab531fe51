using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PipedriveMaileon.Sandbox.Pipedrive.Model;
using PipedriveMaileon.Sandbox.Pipedrive.Wire;

namespace PipedriveMaileon.Sandbox.Pipedrive.Activities;

/// <summary>
/// Creates, changes and deletes activities from API v2 bodies (v2.yaml <c>POST/PATCH /activities</c>): a missing type
/// is <c>call</c> and a missing subject the type's name (as Pipedrive documents for v1); <c>person_id</c> is the
/// primary participant; ids must name visible entities of the company (else 400, the sandbox's message).
/// </summary>
public sealed class ActivityWriter(PipedriveStore store)
{
    public WriteResult Create(long companyId, JsonObject body, long actorUserId)
    {
        lock (store.Gate)
        {
            var activity = new Activity { CompanyId = companyId, OwnerId = actorUserId, CreatorUserId = actorUserId };
            if (Apply(activity, body) is { } error)
            {
                return WriteResult.Fail(StatusCodes.Status400BadRequest, error);
            }

            if (string.IsNullOrWhiteSpace(activity.Subject))
            {
                activity.Subject = ActivityTypes.NameOf(activity.Type);
            }

            store.AddActivity(activity);
            return WriteResult.Ok(Json(activity));
        }
    }

    public WriteResult Update(long companyId, long id, JsonObject body)
    {
        lock (store.Gate)
        {
            if (store.FindActivity(id) is not { IsDeleted: false } activity || activity.CompanyId != companyId)
            {
                return WriteResult.NotFound();
            }

            var updated = Copy(activity);
            if (Apply(updated, body) is { } error)
            {
                return WriteResult.Fail(StatusCodes.Status400BadRequest, error);
            }

            updated.UpdateTime = store.Now;
            Replace(updated);
            return WriteResult.Ok(Json(updated));
        }
    }

    public WriteResult Delete(long companyId, long id)
    {
        lock (store.Gate)
        {
            if (store.FindActivity(id) is not { IsDeleted: false } activity || activity.CompanyId != companyId)
            {
                return WriteResult.NotFound();
            }

            activity.IsDeleted = true;
            activity.UpdateTime = store.Now;
            return WriteResult.Ok(new JsonObject { ["id"] = id });
        }
    }

    /// <summary>The API v2 activity (v2.yaml <c>ActivityItem</c>); attendees only when asked for (<c>include_fields</c>).</summary>
    public static JsonObject Json(Activity activity, bool attendees = false)
    {
        var json = new JsonObject
        {
            ["id"] = activity.Id,
            ["subject"] = activity.Subject,
            ["type"] = activity.Type,
            ["owner_id"] = activity.OwnerId,
            ["creator_user_id"] = activity.CreatorUserId,
            ["is_deleted"] = activity.IsDeleted,
            ["add_time"] = PipedriveTime.V2(activity.AddTime),
            ["update_time"] = PipedriveTime.V2(activity.UpdateTime),
            ["deal_id"] = activity.DealId,
            ["lead_id"] = null,
            ["person_id"] = activity.PersonId,
            ["org_id"] = activity.OrgId,
            ["project_id"] = null,
            ["due_date"] = activity.DueDate,
            ["due_time"] = activity.DueTime,
            ["duration"] = activity.Duration,
            ["busy"] = activity.Busy,
            ["done"] = activity.Done,
            ["marked_as_done_time"] = PipedriveTime.V2(activity.MarkedAsDoneTime),
            ["location"] = null,
            ["participants"] = new JsonArray([.. activity.Participants.Select(p => (JsonNode)new JsonObject { ["person_id"] = p.PersonId, ["primary"] = p.Primary })]),
            ["conference_meeting_client"] = null,
            ["conference_meeting_url"] = null,
            ["conference_meeting_id"] = null,
            ["public_description"] = activity.PublicDescription,
            ["priority"] = activity.Priority,
            ["note"] = activity.Note,
        };
        if (attendees)
        {
            json["attendees"] = new JsonArray();
        }

        return json;
    }

    private string? Apply(Activity activity, JsonObject body)
    {
        foreach (var (key, value) in body)
        {
            var error = key switch
            {
                "subject" => Set(value, v => activity.Subject = v ?? string.Empty),
                "type" => JsonInput.String(value) is { } type && ActivityTypes.IsKnown(type) ? Assign(() => activity.Type = type) : $"Activity type '{value}' does not exist.",
                "note" => Set(value, v => activity.Note = v),
                "public_description" => Set(value, v => activity.PublicDescription = v),
                "due_date" => Formatted(value, "yyyy-MM-dd", v => activity.DueDate = v, key),
                "due_time" => Formatted(value, "HH:mm", v => activity.DueTime = v, key),
                "duration" => Formatted(value, "HH:mm", v => activity.Duration = v, key),
                "busy" => Flag(value, v => activity.Busy = v, key),
                "done" => Flag(value, v => SetDone(activity, v), key),
                "priority" => JsonInput.IsNull(value) ? Assign(() => activity.Priority = null)
                    : JsonInput.Int64(value) is { } priority ? Assign(() => activity.Priority = (int)priority) : "priority must be an integer.",
                "owner_id" => JsonInput.Int64(value) is { } owner && store.FindUser(owner)?.CompanyId == activity.CompanyId
                    ? Assign(() => activity.OwnerId = owner) : $"User with id {value} not found.",
                "deal_id" => Reference(value, id => store.FindDeal(id) is { IsDeleted: false } d && d.CompanyId == activity.CompanyId, v => activity.DealId = v, "Deal"),
                "org_id" => Reference(value, id => store.FindOrganization(id)?.CompanyId == activity.CompanyId, v => activity.OrgId = v, "Organization"),
                "person_id" => Reference(value, IsPerson(activity.CompanyId), v => activity.Participants = v is { } p ? [new ActivityParticipant(p, true)] : [], "Person"),
                "participants" => Participants(activity, value),
                _ => null,
            };
            if (error is not null)
            {
                return error;
            }
        }

        activity.PersonId = (activity.Participants.FirstOrDefault(p => p.Primary) ?? activity.Participants.FirstOrDefault())?.PersonId;
        return null;
    }

    private string? Participants(Activity activity, JsonNode? value)
    {
        if (JsonInput.IsNull(value))
        {
            activity.Participants = [];
            return null;
        }

        if (value is not JsonArray items)
        {
            return "participants must be an array.";
        }

        var participants = new List<ActivityParticipant>();
        foreach (var item in items)
        {
            if (item is not JsonObject participant || JsonInput.Int64(participant["person_id"]) is not { } personId || !IsPerson(activity.CompanyId)(personId))
            {
                return $"Person with id {item?["person_id"]} not found.";
            }

            participants.Add(new ActivityParticipant(personId, participant["primary"] is JsonValue primary && primary.GetValueKind() == JsonValueKind.True));
        }

        activity.Participants = participants;
        return null;
    }

    private Func<long, bool> IsPerson(long companyId) => id => store.FindPerson(id) is { IsDeleted: false } p && p.CompanyId == companyId;

    private void SetDone(Activity activity, bool done)
    {
        activity.MarkedAsDoneTime = done ? activity.MarkedAsDoneTime ?? store.Now : null;
        activity.Done = done;
    }

    private static string? Set(JsonNode? value, Action<string?> set)
    {
        if (!JsonInput.IsNull(value) && JsonInput.String(value) is null)
        {
            return "Expected a string.";
        }

        set(JsonInput.String(value));
        return null;
    }

    private static string? Formatted(JsonNode? value, string format, Action<string?> set, string name)
    {
        var text = JsonInput.String(value);
        if (JsonInput.IsNull(value) || (text is not null && DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
        {
            set(text);
            return null;
        }

        return $"{name} must be formatted {format.Replace("yyyy-MM-dd", "YYYY-MM-DD", StringComparison.Ordinal).Replace("HH:mm", "HH:MM", StringComparison.Ordinal)}.";
    }

    private static string? Flag(JsonNode? value, Action<bool> set, string name)
    {
        if (value is JsonValue flag && flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            set(flag.GetValueKind() == JsonValueKind.True);
            return null;
        }

        return $"{name} must be true or false.";
    }

    private static string? Reference(JsonNode? value, Func<long, bool> exists, Action<long?> set, string entity)
    {
        if (JsonInput.IsNull(value))
        {
            set(null);
            return null;
        }

        if (JsonInput.Int64(value) is { } id && exists(id))
        {
            set(id);
            return null;
        }

        return $"{entity} with id {value} not found.";
    }

    private static string? Assign(Action action)
    {
        action();
        return null;
    }

    private static Activity Copy(Activity a) => new()
    {
        Id = a.Id, CompanyId = a.CompanyId, Subject = a.Subject, Type = a.Type, OwnerId = a.OwnerId, CreatorUserId = a.CreatorUserId,
        DealId = a.DealId, PersonId = a.PersonId, OrgId = a.OrgId, Participants = [.. a.Participants], DueDate = a.DueDate, DueTime = a.DueTime,
        Duration = a.Duration, Busy = a.Busy, Done = a.Done, MarkedAsDoneTime = a.MarkedAsDoneTime, Note = a.Note,
        PublicDescription = a.PublicDescription, Priority = a.Priority, AddTime = a.AddTime, UpdateTime = a.UpdateTime,
    };

    private void Replace(Activity updated)
    {
        var stored = store.FindActivity(updated.Id)!;
        (stored.Subject, stored.Type, stored.OwnerId, stored.DealId, stored.PersonId, stored.OrgId) =
            (updated.Subject, updated.Type, updated.OwnerId, updated.DealId, updated.PersonId, updated.OrgId);
        (stored.Participants, stored.DueDate, stored.DueTime, stored.Duration, stored.Busy, stored.Done) =
            (updated.Participants, updated.DueDate, updated.DueTime, updated.Duration, updated.Busy, updated.Done);
        (stored.MarkedAsDoneTime, stored.Note, stored.PublicDescription, stored.Priority, stored.UpdateTime) =
            (updated.MarkedAsDoneTime, updated.Note, updated.PublicDescription, updated.Priority, updated.UpdateTime);
    }
}
