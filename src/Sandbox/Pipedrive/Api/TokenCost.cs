namespace PipedriveMaileon.Sandbox.Pipedrive.Api;

/// <summary>Endpoint metadata: the operation's <c>x-token-cost</c> from Pipedrive's OpenAPI spec.</summary>
public sealed record TokenCost(int Tokens);
