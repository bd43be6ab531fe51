namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>The outcome of completing an OAuth installation (code exchanged, identity read, tenant activated).</summary>
[GenerateSerializer, Immutable, Alias("pm.InstallationResult")]
public sealed record InstallationResult
{
    [Id(0)] public required bool Succeeded { get; init; }
    [Id(1)] public long CompanyId { get; init; }
    [Id(2)] public long UserId { get; init; }
    [Id(3)] public string? UserName { get; init; }
    [Id(4)] public string? CompanyName { get; init; }

    /// <summary>True when the company had installed before: settings and history were kept.</summary>
    [Id(5)] public bool IsReinstall { get; init; }

    /// <summary>Why it failed, for the person installing (no secrets, no raw responses).</summary>
    [Id(6)] public string? FailureMessage { get; init; }

    /// <summary>The authorising user is not an admin of the company: nothing was stored, the installation (if any) is unchanged.</summary>
    [Id(7)] public bool RefusedNotAdmin { get; init; }

    public static InstallationResult Failed(string message) => new() { Succeeded = false, FailureMessage = message };
}
