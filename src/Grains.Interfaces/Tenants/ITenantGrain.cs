using Orleans.Concurrency;

namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>
/// One per Pipedrive company (key: company id): the tenant's record and its installation. Holds the OAuth tokens
/// (refreshed once however many callers ask: the grain takes one call at a time), the stored settings, what setup
/// created on both sides and its health. Other grains ask it for a <see cref="TenantConnection"/>. Setting up,
/// saving settings and uninstalling are <see cref="ITenantSetupGrain"/>'s job; the periodic self-check is
/// <see cref="ITenantHealthGrain"/>'s. Every method is short: none waits for another grain.
/// </summary>
public interface ITenantGrain : IGrainWithIntegerKey
{
    /// <summary>The connection for grains of this tenant; refreshes the access token first when it is about to expire.</summary>
    Task<TenantConnection> GetConnection();


    /// <summary>
    /// A Pipedrive call answered 401 with <paramref name="rejectedToken"/>: refresh it and return the new connection.
    /// Callers holding the same rejected token queue behind the first and get the token it obtained.
    /// </summary>
    Task<TenantConnection> RefreshAccessToken(ProtectedSecret rejectedToken);

    /// <summary>Creates or re-activates the tenant from a completed OAuth exchange (a re-install keeps settings and history).</summary>
    Task<InstallationResult> Install(InstallationGrant grant);

    /// <summary>For the settings page. Interleaves (it only reads), so the page loads while a call is in progress.</summary>
    [AlwaysInterleave]
    Task<TenantOverview> GetOverview();

    /// <summary>The credentials the tenant's webhooks use (created on first use): for setting them up.</summary>
    Task<TenantWebhookCredentials> GetWebhookCredentials();

    /// <summary>Stores settings the setup grain validated. False when the tenant is not active (nothing stored).</summary>
    Task<bool> StoreSettings(ValidatedSettings settings);

    /// <summary>Records an admin-visible line in the activity log (e.g. why settings were not saved).</summary>
    Task RecordNote(string message);

    /// <summary>Like <see cref="RecordNote"/>, but a message already recorded (the same text) is not recorded again.</summary>
    Task RecordNoteOnce(string message);

    /// <summary>Where the background move of <c>pipedriveId</c> to the company id continues (a page of Maileon contacts); null once done.</summary>
    Task<int?> GetPipedriveIdMigrationPage();

    /// <summary>Records a run of that move: the page to continue at, how many contacts changed, whether it is done.</summary>
    Task RecordPipedriveIdMigration(int nextPage, int migrated, bool done);

    /// <summary>Records what a setup run found: the Newsletter field, webhooks, health and each step's outcome.</summary>
    Task RecordSetup(TenantSetupResult result, long? actingUserId);

    /// <summary>
    /// Deactivates the tenant after its webhooks were removed: wipes tokens and keys, and (uninstalled on the settings
    /// page) revokes the authorisation at Pipedrive from the outbox. <paramref name="notes"/> say what was removed.
    /// </summary>
    Task RecordUninstall(UninstallRequest request, IReadOnlyList<string> notes);
}
