namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>
/// Everything a person's or deal's grain needs to act for a tenant: status, API access (secrets protected) and
/// the settings that shape the sync. <see cref="ConfigVersion"/> changes whenever any of it does, so callers can
/// cache it per activation and refresh when a newer version is announced.
/// </summary>
[GenerateSerializer, Immutable, Alias("pm.TenantConnection")]
public sealed record TenantConnection
{
    [Id(0)] public required long CompanyId { get; init; }
    [Id(1)] public required TenantStatus Status { get; init; }
    [Id(2)] public required int ConfigVersion { get; init; }

    /// <summary>Pipedrive's <c>api_domain</c> for this company, e.g. <c>https://acme.pipedrive.com</c>.</summary>
    [Id(3)] public Uri? PipedriveApiBase { get; init; }
    [Id(4)] public ProtectedSecret? PipedriveAccessToken { get; init; }
    [Id(5)] public DateTimeOffset? AccessTokenExpiresAt { get; init; }

    /// <summary>The Pipedrive user the app acts as: our own field writes come back as webhooks from this user.</summary>
    [Id(6)] public long InstallingUserId { get; init; }

    [Id(7)] public ProtectedSecret? MaileonApiKey { get; init; }
    [Id(8)] public string? DoiMailingKey { get; init; }

    /// <summary>Grant DOI+ (single-user tracking) instead of DOI on confirmation.</summary>
    [Id(9)] public bool DoiPlus { get; init; }

    [Id(10)] public bool DealEventsEnabled { get; init; }
    [Id(11)] public NewsletterFieldConfig? NewsletterField { get; init; }
    [Id(12)] public IReadOnlyList<ExtraFieldConfig> ExtraFields { get; init; } = [];

    /// <summary>Changes whenever the company installs again after an uninstall or a lost authorisation (settings sessions carry it).</summary>
    [Id(13)] public int InstallationEpoch { get; init; }

    /// <summary>Erase the Maileon contact of a person deleted in Pipedrive (the admin's GDPR choice; default off).</summary>
    [Id(14)] public bool EraseDeletedInMaileon { get; init; }

    /// <summary>The OAuth scopes Pipedrive granted the installation (activities need <c>activities:full</c>).</summary>
    [Id(15)] public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>True when everything needed to sync contacts is configured.</summary>
    public bool CanSyncContacts =>
        Status == TenantStatus.Active && PipedriveApiBase is not null && PipedriveAccessToken is not null
        && MaileonApiKey is not null && NewsletterField is not null;
}
