namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>Who asked to uninstall: Pipedrive's uninstall callback, or an admin on the settings page.</summary>
[GenerateSerializer, Immutable, Alias("pm.UninstallRequest")]
public sealed record UninstallRequest(
    [property: Id(0)] UninstallSource Source,
    [property: Id(1)] long? UserId,
    [property: Id(2)] DateTimeOffset RequestedAt);
