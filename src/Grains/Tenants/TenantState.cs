using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>Stored state of a tenant (state name <c>tenant</c>). Secrets only in protected form.</summary>
public sealed class TenantState : IOutboxState<TenantWork>
{
    public DateTimeOffset? OutboxDueAt { get; set; }

    public TenantStatus Status { get; set; } = TenantStatus.NotInstalled;
    public int ConfigVersion { get; set; }

    /// <summary>Incremented by every install that does not find the tenant active: settings sessions of an earlier installation end.</summary>
    public int InstallationEpoch { get; set; }

    // Installation
    public string? CompanyName { get; set; }
    public long InstallingUserId { get; set; }
    public string? InstalledByName { get; set; }
    public DateTimeOffset? InstalledAt { get; set; }
    public Uri? ApiBase { get; set; }
    public ProtectedSecret? AccessToken { get; set; }
    public ProtectedSecret? RefreshToken { get; set; }
    public DateTimeOffset? AccessTokenExpiresAt { get; set; }
    public List<string> Scopes { get; set; } = [];

    // Settings
    public ProtectedSecret? MaileonApiKey { get; set; }
    public string? MaileonApiKeyHint { get; set; }
    public string? DoiMailingKey { get; set; }
    public bool DoiPlus { get; set; }
    // Stays false by default: stored states leave out values equal to the default (CompactStateJson), so changing it
    // would turn deal events on for tenants that chose off. The settings page offers them ticked until a first save.
    public bool DealEventsEnabled { get; set; }

    /// <summary>When settings were last saved (null: never, or before this was recorded).</summary>
    public DateTimeOffset? SettingsSavedAt { get; set; }
    public List<ExtraFieldConfig> ExtraFields { get; set; } = [];

    /// <summary>A person deleted in Pipedrive is also erased in Maileon (off by default).</summary>
    public bool EraseDeletedInMaileon { get; set; }

    // What setup created on both sides
    public NewsletterFieldConfig? NewsletterField { get; set; }
    public string? PipedriveWebhookUser { get; set; }
    public ProtectedSecret? PipedriveWebhookPassword { get; set; }
    public byte[]? PipedriveCredentialHash { get; set; }
    public ProtectedSecret? MaileonWebhookToken { get; set; }
    public byte[]? MaileonTokenHash { get; set; }

    /// <summary>When the current webhook credentials were made (null for credentials made before this was kept).</summary>
    public DateTimeOffset? WebhookCredentialsCreatedAt { get; set; }
    public string? MaileonAccountName { get; set; }

    // Health as last observed
    public ConnectionHealth? PipedriveHealth { get; set; }
    public ConnectionHealth? MaileonHealth { get; set; }
    public List<WebhookHealth> Webhooks { get; set; } = [];
    public List<SetupStepOutcome> LastSetup { get; set; } = [];

    /// <summary>Activity-log lines to be written once only (e.g. how an adopted deal event type differs from the seed's table).</summary>
    public List<string> NotedOnce { get; set; } = [];

    public const int MaxNotedOnce = 20;

    /// <summary>The background move of the contacts' <c>pipedriveId</c> to the company id (<see cref="PipedriveIdMigration"/>).</summary>
    public int PipedriveIdMigrationPage { get; set; } = 1;

    public bool PipedriveIdsMigrated { get; set; }

    public OutboxQueue<TenantWork> Outbox { get; set; } = new();
    public List<ConsentLedgerRecord> PendingLedger { get; set; } = [];
    public List<ActivityRecord> PendingActivity { get; set; } = [];
}
