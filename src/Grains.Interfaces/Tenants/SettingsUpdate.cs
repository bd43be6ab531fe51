namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>What an admin submits on the settings page.</summary>
[GenerateSerializer, Immutable, Alias("pm.SettingsUpdate")]
public sealed record SettingsUpdate
{
    /// <summary>A new Maileon API key, or null to keep the stored one.</summary>
    [Id(0)] public string? MaileonApiKey { get; init; }
    [Id(1)] public string? DoiMailingKey { get; init; }
    [Id(2)] public bool DoiPlus { get; init; }
    [Id(3)] public bool DealEventsEnabled { get; init; }

    /// <summary>Keys of up to five Pipedrive person fields to send as Maileon custom fields.</summary>
    [Id(4)] public IReadOnlyList<string> ExtraFieldKeys { get; init; } = [];

    [Id(5)] public required long ActingUserId { get; init; }

    /// <summary>A person deleted in Pipedrive is also erased in Maileon (default off: consent belongs to the contact).</summary>
    [Id(6)] public bool EraseDeletedInMaileon { get; init; }

    public override string ToString() =>
        $"SettingsUpdate(key {(MaileonApiKey is null ? "kept" : "replaced")}, doiPlus {DoiPlus}, deals {DealEventsEnabled}, extras {ExtraFieldKeys.Count})";
}
