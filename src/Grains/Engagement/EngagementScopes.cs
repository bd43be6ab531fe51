namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// The OAuth scope each target needs (the <c>security</c> of the operations in Pipedrive's specs): notes
/// (<c>POST/PUT /v1/notes</c>) need <c>contacts:full</c> or <c>deals:full</c>, which the app requests for persons
/// anyway; activities (<c>POST/PATCH /api/v2/activities</c>) need <c>activities:full</c>.
/// </summary>
public static class EngagementScopes
{
    public const string Notes = "contacts:full";
    public const string Activities = "activities:full";

    public static string RequiredFor(EngagementTarget target) => target == EngagementTarget.Activity ? Activities : Notes;

    /// <summary>Null when the installation's scopes allow the target; else what the admin reads and can do.</summary>
    public static string? Problem(IReadOnlyCollection<string> granted, EngagementTarget target)
    {
        ArgumentNullException.ThrowIfNull(granted);
        var required = RequiredFor(target);
        return granted.Contains(required, StringComparer.Ordinal)
            ? null
            : $"Pipedrive has not granted the app \"{required}\", which {(target == EngagementTarget.Activity ? "activities" : "notes")} need. " +
              "Re-install the app to grant it, or choose notes, which need no extra permission.";
    }
}
