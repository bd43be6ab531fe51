namespace PipedriveMaileon.Web.Sessions;

/// <summary>How the settings session machinery classifies a request.</summary>
public static class SessionRequests
{
    public const string SettingsPath = "/settings";
    public const string PipedriveAppPath = "/pipedrive-app";

    /// <summary>The person panel app extension ("Maileon"), signed in from Pipedrive's iframe token like the settings page.</summary>
    public const string PanelPath = "/pipedrive-panel";

    private static readonly object FailureKey = new();
    private static readonly object CookieKey = new();

    /// <summary>Only these paths have settings sessions; every other request (webhooks above all) is left untouched.</summary>
    public static bool IsSettingsPath(PathString path) =>
        path.StartsWithSegments(SettingsPath, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(PipedriveAppPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(PanelPath, StringComparison.OrdinalIgnoreCase);

    /// <summary>The settings page itself, opened by Pipedrive's iframe or by typing its address.</summary>
    public static bool IsEntryPoint(HttpRequest request) =>
        IsReading(request) && (request.Path.Equals(SettingsPath, StringComparison.OrdinalIgnoreCase) || request.Path.Equals(PipedriveAppPath, StringComparison.OrdinalIgnoreCase)
                               || request.Path.Equals(PanelPath, StringComparison.OrdinalIgnoreCase));

    /// <summary>Requests that change nothing (GET, HEAD).</summary>
    public static bool IsReading(HttpRequest request) => HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);

    public static void SetFailure(HttpContext context, SessionFailure failure) => context.Items[FailureKey] = failure;

    /// <summary>Notes that the request's session came from the standalone sign-in cookie (only such a cookie is deleted on refusal).</summary>
    public static void MarkFromCookie(HttpContext context) => context.Items[CookieKey] = true;

    public static bool IsFromCookie(HttpContext context) => context.Items[CookieKey] is true;

    public static SessionFailure GetFailure(HttpContext context) => context.Items[FailureKey] is SessionFailure failure ? failure : SessionFailure.None;
}
