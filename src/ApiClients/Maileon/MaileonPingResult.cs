namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>How <c>/ping</c> answered for one HTTP method.</summary>
public enum MaileonPingResult
{
    Ok,

    /// <summary>401: the key is missing, invalid, expired or deactivated.</summary>
    Unauthorized,

    /// <summary>403: the key has no privilege for this HTTP method.</summary>
    Forbidden,
}
