namespace PipedriveMaileon.Sandbox.Pipedrive.Api;

/// <summary>
/// Endpoint metadata: the OAuth scopes of the operation's <c>security</c> in Pipedrive's OpenAPI spec, any one of
/// which the token must carry; otherwise Pipedrive answers 403 "Scope and URL mismatch".
/// </summary>
public sealed record RequiredScopes(params string[] AnyOf)
{
    public bool IsSatisfiedBy(IReadOnlySet<string> granted) => AnyOf.Any(granted.Contains);
}
