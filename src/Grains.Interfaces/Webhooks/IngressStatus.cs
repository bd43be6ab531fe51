namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

/// <summary>What became of an inbound webhook; the web front end turns it into the HTTP answer.</summary>
public enum IngressStatus
{
    /// <summary>Durably recorded by the owning grain (2xx).</summary>
    Accepted,

    /// <summary>Seen before (same event id); nothing new to record (2xx, so the sender stops retrying).</summary>
    Duplicate,

    /// <summary>Valid, but nothing for us to do (e.g. an entity or field we do not sync) (2xx).</summary>
    Ignored,

    /// <summary>Malformed or inconsistent input (400); nothing was changed.</summary>
    BadRequest,

    /// <summary>Missing or wrong credentials (401); nothing was changed.</summary>
    Unauthorized,

    /// <summary>The tenant is unknown or uninstalled (410): the sender should stop.</summary>
    Gone,

    /// <summary>The event could not be recorded right now (503): the sender must retry.</summary>
    Unavailable,
}
