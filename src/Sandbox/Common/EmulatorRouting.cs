namespace PipedriveMaileon.Sandbox.Common;

/// <summary>
/// Both emulators share one process and one route space; a request belongs to Maileon when it is under
/// <c>/1.0</c> (Maileon's API) or Maileon's own console and control paths, to Pipedrive otherwise.
/// </summary>
public static class EmulatorRouting
{
    public const string MaileonApiPrefix = "/1.0";
    public const string MaileonConsolePrefix = "/maileon";
    public const string ControlPrefix = "/_sandbox";

    public static EmulatorKind Classify(PathString path)
    {
        if (path.StartsWithSegments(MaileonApiPrefix) || path.StartsWithSegments(MaileonConsolePrefix)
            || path.StartsWithSegments(ControlPrefix + "/maileon"))
        {
            return EmulatorKind.Maileon;
        }

        return EmulatorKind.Pipedrive;
    }

    /// <summary>Control and console requests are neither journaled nor subject to injected faults.</summary>
    public static bool IsEmulatedApi(PathString path) =>
        !path.StartsWithSegments(ControlPrefix) && !path.StartsWithSegments(MaileonConsolePrefix)
        && !path.StartsWithSegments("/pipedrive") && path != "/";

    public static string Segment(EmulatorKind kind) => kind == EmulatorKind.Maileon ? "maileon" : "pipedrive";
}
