namespace PipedriveMaileon.Web.Webhooks;

/// <summary>What the web tier's directory says about a webhook's credentials, before anything else is done with it.</summary>
public enum CredentialCheck
{
    /// <summary>The directory has not been loaded yet: nothing can be decided (503, the sender retries).</summary>
    NotReady,

    /// <summary>Unknown company, no credentials or wrong ones: all alike (401), so nobody learns which companies are customers.</summary>
    Refused,

    /// <summary>The right credentials of a company that uninstalled the app (410: the sender should stop).</summary>
    Gone,

    /// <summary>The right credentials of an installed company.</summary>
    Accepted,
}
