namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>The outcome of pinging Maileon with every HTTP method the app uses.</summary>
/// <param name="MissingPrivileges">The methods answered with 403, e.g. <c>DELETE</c> (needed to unsubscribe).</param>
public sealed record MaileonApiKeyCheck(MaileonApiKeyStatus Status, IReadOnlyList<string> MissingPrivileges)
{
    public bool IsValid => Status == MaileonApiKeyStatus.Valid;
}
