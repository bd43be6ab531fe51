namespace PipedriveMaileon.Sandbox.Maileon.Accounts;

/// <summary>
/// The messages of the emulator's 401/403 answers. Maileon documents the statuses, not the texts; these are the
/// sandbox's choice and are listed in <c>src/Sandbox/Maileon/README.md</c>. They never contain the key.
/// </summary>
public static class AuthMessages
{
    public const string Missing = "Unauthorized: no API key given (send 'Authorization: Basic base64(API key)').";
    public const string Malformed = "Unauthorized: the Authorization header is not 'Basic' followed by a Base64 encoded API key.";
    public const string Invalid = "Unauthorized: the API key is invalid.";
    public const string Expired = "Unauthorized: the API key has expired.";
    public const string Deactivated = "Unauthorized: the API key is deactivated.";
    public const string AccountBlocked = "Unauthorized: the newsletter account of this API key is blocked.";

    public static string MethodNotAllowed(string method) =>
        $"Forbidden: the API key has no privileges for the HTTP method {method}.";
}
