using PipedriveMaileon.Web.Sessions;

namespace PipedriveMaileon.Web.Layout;

/// <summary>
/// What the layout needs to look and behave right inside Pipedrive: the iframe's SDK identifier (none standalone),
/// the user's theme, and the session ticket scripts send with their fetches. Taken from the checked session, or —
/// on pages shown without one — from the iframe URL's own <c>id</c> and <c>theme</c>.
/// </summary>
public sealed record PageChrome(string? ExtensionId, string Theme, string? Ticket)
{
    public static PageChrome For(HttpContext context)
    {
        if (context.Features.Get<SettingsSessionFeature>() is { Granted: true } feature)
        {
            return new PageChrome(feature.Session.ExtensionId, feature.Session.Theme, feature.Ticket);
        }

        var id = context.Request.Query["id"].ToString();
        return new PageChrome(
            SettingsSessionHandler.ExtensionIdPattern().IsMatch(id) ? id : null,
            context.Request.Query["theme"] == "dark" ? "dark" : "light",
            null);
    }
}
