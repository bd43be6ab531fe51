namespace PipedriveMaileon.ApiClients.Maileon;

public enum MaileonApiKeyStatus
{
    /// <summary>GET, POST, PUT and DELETE ping all succeeded.</summary>
    Valid,

    /// <summary>The key cannot be right (empty, whitespace, or outside Maileon's 12–265 characters, e.g. truncated); not sent.</summary>
    Malformed,

    /// <summary>401: unknown, expired or deactivated key, or a blocked account. Maileon does not say which.</summary>
    Invalid,

    /// <summary>403 for at least one HTTP method: the key lacks that privilege (see <see cref="MaileonApiKeyCheck.MissingPrivileges"/>).</summary>
    MissingPrivileges,
}
