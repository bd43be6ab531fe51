namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>Settings the setup grain checked (the key with Maileon, the fields with Pipedrive), for the tenant grain to store.</summary>
[GenerateSerializer, Immutable, Alias("pm.ValidatedSettings")]
public sealed record ValidatedSettings
{
    /// <summary>A new Maileon API key, protected; null keeps the stored one.</summary>
    [Id(0)] public ProtectedSecret? NewMaileonApiKey { get; init; }

    /// <summary>How the settings page shows the new key (its last characters).</summary>
    [Id(1)] public string? NewMaileonApiKeyHint { get; init; }
    [Id(2)] public string? DoiMailingKey { get; init; }
    [Id(3)] public bool DoiPlus { get; init; }
    [Id(4)] public bool DealEventsEnabled { get; init; }
    [Id(5)] public IReadOnlyList<ExtraFieldConfig> ExtraFields { get; init; } = [];
    [Id(6)] public required long ActingUserId { get; init; }
    [Id(7)] public bool EraseDeletedInMaileon { get; init; }
}
