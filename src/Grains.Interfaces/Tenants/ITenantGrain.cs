using Orleans.Concurrency;

namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>
/// One per Pipedrive company (key: company id). Owns the installation (tokens, single-flight refresh), the
/// settings, the setup of both sides (Newsletter field, webhooks, Maileon custom fields), self-healing, and
/// uninstall. Other grains ask it for a <see cref="TenantConnection"/>.
/// </summary>
public interface ITenantGrain : IGrainWithIntegerKey
{
    /// <summary>The connection for grains of this tenant. Interleaves, so a running setup never blocks syncing.</summary>
    [AlwaysInterleave]
    Task<TenantConnection> GetConnection();

    /// <summary>What webhook ingress checks credentials against. Interleaves.</summary>
    [AlwaysInterleave]
    Task<TenantIngressPolicy> GetIngressPolicy();

    /// <summary>
    /// A Pipedrive call answered 401 with <paramref name="rejectedToken"/>: refresh once (concurrent callers with
    /// the same rejected token share one refresh) and return the new connection.
    /// </summary>
    [AlwaysInterleave]
    Task<TenantConnection> RefreshAccessToken(ProtectedSecret rejectedToken);

    /// <summary>Creates or re-activates the tenant from a completed OAuth exchange (a re-install keeps settings and history).</summary>
    Task<InstallationResult> Install(InstallationGrant grant);

    /// <summary>For the settings page. Interleaves, so the page loads while a setup runs.</summary>
    [AlwaysInterleave]
    Task<TenantOverview> GetOverview();

    /// <summary>The tenant's Pipedrive person fields (custom and standard) for the extra-field drop-downs, read live.</summary>
    Task<IReadOnlyList<PersonFieldChoice>> GetPersonFieldChoices();

    /// <summary>Validates (Maileon key with /ping, field choices), stores, and runs the setup of both sides.</summary>
    Task<SettingsSaveResult> SaveSettings(SettingsUpdate update);

    /// <summary>Runs the idempotent setup again (the page's "repair" button and the self-healing reminder).</summary>
    Task<IReadOnlyList<SetupStepOutcome>> RunSetup(long? actingUserId);

    /// <summary>Deactivates the tenant: removes our webhooks on both sides, revokes and wipes tokens and keys.</summary>
    Task Uninstall(UninstallRequest request);
}
