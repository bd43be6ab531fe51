using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>What the settings page says about a Maileon API key Maileon did not accept (the incumbent's three cases and more).</summary>
public static class MaileonKeyMessages
{
    public const string Missing = "Enter your Maileon API key (Maileon → Settings → API keys).";

    public const string Truncated =
        "This does not look like a complete Maileon API key: characters seem to be missing at the beginning or end. " +
        "Copy the whole key again from Maileon → Settings → API keys.";

    public const string Expired =
        "Maileon says this API key's validity period has expired. Extend it or create a new key under Maileon → Settings → API keys.";

    public const string Deactivated =
        "This API key was deactivated in Maileon. Activate it again or create a new key under Maileon → Settings → API keys.";

    public const string Rejected =
        "Maileon did not accept this API key: it is unknown, or it has expired or been deactivated, or characters are missing at the " +
        "beginning or end. Check it under Maileon → Settings → API keys.";

    public const string Unreachable = "Maileon could not be reached to check the key. Nothing was saved; please try again in a moment.";

    public static string MissingPrivileges(IReadOnlyList<string> methods) =>
        $"This API key may not send {string.Join(", ", methods)} requests, which the app needs. " +
        "Allow GET, POST, PUT and DELETE for it under Maileon → Settings → API keys.";

    /// <summary>Maileon answers 401 for every bad key; when its message tells expired from deactivated, say which.</summary>
    public static string ForRejection(string? serverMessage) =>
        serverMessage switch
        {
            { } m when m.Contains("expire", StringComparison.OrdinalIgnoreCase) => Expired,
            { } m when m.Contains("deactivat", StringComparison.OrdinalIgnoreCase) || m.Contains("disabled", StringComparison.OrdinalIgnoreCase) => Deactivated,
            _ => Rejected,
        };

    public static string? ForCheck(MaileonApiKeyCheck check, string? serverMessage) => check.Status switch
    {
        MaileonApiKeyStatus.Valid => null,
        MaileonApiKeyStatus.Malformed => Truncated,
        MaileonApiKeyStatus.Invalid => ForRejection(serverMessage),
        MaileonApiKeyStatus.MissingPrivileges => MissingPrivileges(check.MissingPrivileges),
        _ => Rejected,
    };

    /// <summary>The last four characters, for recognising a stored key without revealing it.</summary>
    public static string Hint(string key) => "••••••••" + (key.Length > 8 ? key[^4..] : string.Empty);
}
