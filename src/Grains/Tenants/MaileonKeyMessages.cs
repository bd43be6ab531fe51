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

    /// <summary>
    /// The message for a key check. Maileon answers "invalid" for a key with characters cut off, so a refused key
    /// that looks like part of Maileon's UUID-shaped keys is called truncated, as the incumbent does.
    /// </summary>
    public static string? ForCheck(MaileonApiKeyCheck check, string? serverMessage, string? apiKey = null) => check.Status switch
    {
        MaileonApiKeyStatus.Valid => null,
        MaileonApiKeyStatus.Malformed => Truncated,
        MaileonApiKeyStatus.Invalid when ForRejection(serverMessage) == Rejected && apiKey is not null && LooksLikePartOfAUuid(apiKey) => Truncated,
        MaileonApiKeyStatus.Invalid => ForRejection(serverMessage),
        MaileonApiKeyStatus.MissingPrivileges => MissingPrivileges(check.MissingPrivileges),
        _ => Rejected,
    };

    /// <summary>Hex digits and dashes like a UUID, but not a whole UUID (e.g. the first or last characters were not copied).</summary>
    public static bool LooksLikePartOfAUuid(string key) =>
        key.Length < 36 && key.Contains('-', StringComparison.Ordinal) && key.All(c => char.IsAsciiHexDigit(c) || c == '-');

    /// <summary>The last four characters, for recognising a stored key without revealing it.</summary>
    public static string Hint(string key) => "••••••••" + (key.Length > 8 ? key[^4..] : string.Empty);
}
