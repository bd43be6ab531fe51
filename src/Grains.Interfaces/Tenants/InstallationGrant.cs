namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>A completed OAuth exchange for one company and user, tokens already protected.</summary>
[GenerateSerializer, Immutable, Alias("pm.InstallationGrant")]
public sealed record InstallationGrant
{
    [Id(0)] public required long CompanyId { get; init; }
    [Id(1)] public required string CompanyName { get; init; }
    [Id(2)] public required long UserId { get; init; }
    [Id(3)] public required string UserName { get; init; }
    [Id(4)] public string? UserEmail { get; init; }
    [Id(5)] public required Uri ApiBase { get; init; }
    [Id(6)] public required ProtectedSecret AccessToken { get; init; }
    [Id(7)] public required ProtectedSecret RefreshToken { get; init; }
    [Id(8)] public required DateTimeOffset AccessTokenExpiresAt { get; init; }
    [Id(9)] public IReadOnlyList<string> Scopes { get; init; } = [];
}
