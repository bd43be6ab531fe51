using System.Text.Json.Nodes;
using PipedriveMaileon.Sandbox.Pipedrive.Api;
using PipedriveMaileon.Sandbox.Pipedrive.Wire;

namespace PipedriveMaileon.Sandbox.Pipedrive.Activities;

/// <summary>
/// The activity types every company starts with (Pipedrive's defaults: call, meeting, task, deadline, email, lunch)
/// and <c>GET /v1/activityTypes</c>. Custom types are not emulated.
/// </summary>
public static class ActivityTypes
{
    private static readonly (long Id, string Name, string Key)[] Defaults =
        [(1, "Call", "call"), (2, "Meeting", "meeting"), (3, "Task", "task"), (4, "Deadline", "deadline"), (5, "Email", "email"), (6, "Lunch", "lunch")];

    private static readonly DateTimeOffset Since = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static bool IsKnown(string key) => Defaults.Any(t => t.Key == key);

    /// <summary>The type's name, which Pipedrive uses as the subject of an activity created without one.</summary>
    public static string NameOf(string key) => Defaults.First(t => t.Key == key).Name;

    public static void MapV1(RouteGroupBuilder v1)
    {
        // x-token-cost 20; security activities:read, activities:full or admin (v1.yaml GET /activityTypes).
        v1.MapGet("/activityTypes", () => PipedriveResponses.Ok(new JsonArray([.. Defaults.Select(t => (JsonNode)new JsonObject
        {
            ["id"] = t.Id,
            ["name"] = t.Name,
            ["icon_key"] = t.Key,
            ["color"] = null,
            ["order_nr"] = t.Id,
            ["key_string"] = t.Key,
            ["active_flag"] = true,
            ["is_custom_flag"] = false,
            ["add_time"] = PipedriveTime.V1(Since),
            ["update_time"] = PipedriveTime.V1(Since),
        })])))
            .WithMetadata(new TokenCost(20), new RequiredScopes("activities:read", "activities:full", "admin"));
    }
}
