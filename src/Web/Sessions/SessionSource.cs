namespace PipedriveMaileon.Web.Sessions;

/// <summary>How a settings session began.</summary>
public enum SessionSource
{
    /// <summary>Inside Pipedrive: the app-settings iframe's signed token.</summary>
    PipedriveExtension,

    /// <summary>Standalone: the OAuth round trip with a verified <c>state</c>.</summary>
    OAuth,
}
