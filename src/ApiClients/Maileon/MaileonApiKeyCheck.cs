namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>The outcome of pinging Maileon with every HTTP method the app uses.</summary>
/// <param name="MissingPrivileges">The methods answered with 403, e.g. <c>DELETE</c> (needed to unsubscribe).</param>
/// <param name="ServerMessage">Maileon's own words for a rejected key (scrubbed), which may say expired or deactivated.</param>
public sealed record MaileonApiKeyCheck(MaileonApiKeyStatus Status, IReadOnlyList<string> MissingPrivileges, string? ServerMessage = null)
{
    public bool IsValid => Status == MaileonApiKeyStatus.Valid;
}
