namespace PipedriveMaileon.Web.Sessions;

/// <summary>Why a settings request was not let through; each has its own page.</summary>
public enum SessionFailure
{
    /// <summary>No session at all.</summary>
    None,

    /// <summary>A page's session ticket is forged, altered or expired.</summary>
    TicketExpired,

    /// <summary>Pipedrive's iframe token is forged, expired, or names another company or user than the iframe URL.</summary>
    PipedriveTokenRefused,

    /// <summary>The app is not installed for the company (never, or uninstalled).</summary>
    NotInstalled,

    /// <summary>Pipedrive no longer accepts the installation's authorisation.</summary>
    NeedsReauthorization,

    /// <summary>The session belongs to an earlier installation (the app was uninstalled or installed again since).</summary>
    SessionEnded,

    /// <summary>The user is not (or no longer) an admin of the company.</summary>
    NotAdmin,

    /// <summary>Pipedrive could not be asked about the user's role.</summary>
    RoleUnknown,
}
