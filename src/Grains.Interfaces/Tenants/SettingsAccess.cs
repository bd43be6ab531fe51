namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>The answer of <see cref="ISettingsAccessGrain.Check"/>: the installation as it is now, and the user's role.</summary>
[GenerateSerializer, Immutable, Alias("pm.SettingsAccess")]
public sealed record SettingsAccess
{
    [Id(0)] public required TenantStatus Status { get; init; }

    /// <summary>Changes whenever the company installs again after an uninstall or a lost authorisation; sessions carry it.</summary>
    [Id(1)] public required int InstallationEpoch { get; init; }

    [Id(2)] public required AdminRole Role { get; init; }

    [Id(3)] public string? CompanyName { get; init; }

    [Id(4)] public string? UserName { get; init; }

    /// <summary>When Pipedrive was asked about the user (null when it was not asked: the installation is not active).</summary>
    [Id(5)] public DateTimeOffset? RoleCheckedAt { get; init; }

    /// <summary>Why the role is <see cref="AdminRole.Unknown"/>, in words for the user.</summary>
    [Id(6)] public string? Problem { get; init; }
}
