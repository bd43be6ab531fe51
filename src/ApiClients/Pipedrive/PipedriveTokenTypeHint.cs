namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>The <c>token_type_hint</c> of a revoke: revoking the refresh token uninstalls the app.</summary>
public enum PipedriveTokenTypeHint
{
    RefreshToken,
    AccessToken,
}
