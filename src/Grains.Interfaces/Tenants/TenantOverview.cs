namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>What the settings page shows: installation, settings (secrets only as hints), health, setup.</summary>
[GenerateSerializer, Immutable, Alias("pm.TenantOverview")]
public sealed record TenantOverview
{
    [Id(0)] public required long CompanyId { get; init; }
    [Id(1)] public required TenantStatus Status { get; init; }
    [Id(2)] public string? CompanyName { get; init; }
    [Id(3)] public string? InstalledBy { get; init; }
    [Id(4)] public DateTimeOffset? InstalledAt { get; init; }

    /// <summary>The stored key's last characters, e.g. <c>••••••••1a2b</c>; never the key.</summary>
    [Id(5)] public string? MaileonApiKeyHint { get; init; }
    [Id(6)] public string? DoiMailingKey { get; init; }
    [Id(7)] public bool DoiPlus { get; init; }
    [Id(8)] public bool DealEventsEnabled { get; init; }
    [Id(9)] public IReadOnlyList<string> ExtraFieldKeys { get; init; } = [];
    [Id(10)] public ConnectionHealth? Pipedrive { get; init; }
    [Id(11)] public ConnectionHealth? Maileon { get; init; }
    [Id(12)] public IReadOnlyList<WebhookHealth> Webhooks { get; init; } = [];
    [Id(13)] public IReadOnlyList<SetupStepOutcome> Setup { get; init; } = [];
    [Id(14)] public string? MaileonAccountName { get; init; }

    /// <summary>An admin saved settings before; until then the page offers the defaults (deal events on).</summary>
    [Id(15)] public bool SettingsSaved { get; init; }

    /// <summary>What the options of the Newsletter field mean to the app (and which were added), for an adopted field.</summary>
    [Id(16)] public IReadOnlyList<string> NewsletterMapping { get; init; } = [];

    [Id(17)] public bool EraseDeletedInMaileon { get; init; }
}
