namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>
/// One per Pipedrive company (key: company id): what an admin does to the tenant and what sets up both sides —
/// saving settings, the setup run (Newsletter field, webhooks, Maileon custom fields, idempotent) and uninstalling.
/// One call at a time per tenant; stores nothing itself (the record is <see cref="ITenantGrain"/>'s).
/// </summary>
public interface ITenantSetupGrain : IGrainWithIntegerKey
{
    /// <summary>The tenant's Pipedrive person fields (custom and standard) for the extra-field drop-downs, read live.</summary>
    Task<IReadOnlyList<PersonFieldChoice>> GetPersonFieldChoices();

    /// <summary>Validates (Maileon key with /ping, field choices), stores, and runs the setup of both sides.</summary>
    Task<SettingsSaveResult> SaveSettings(SettingsUpdate update);

    /// <summary>Runs the idempotent setup again (the page's "repair" button, a re-install, the self-check).</summary>
    Task<IReadOnlyList<SetupStepOutcome>> RunSetup(long? actingUserId);

    /// <summary>
    /// Deactivates the tenant: first sends the unsubscribes still owed to Maileon (for a bounded time), then removes our
    /// webhooks on both sides, revokes and wipes tokens and keys. Says what became of those unsubscribes.
    /// </summary>
    Task<UninstallReport> Uninstall(UninstallRequest request);
}
