using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>
/// Saving settings, setting up both sides and uninstalling, for one tenant (see <see cref="ITenantSetupGrain"/>).
/// Stateless; the tenant grain records what it decides. One call at a time, so two setup runs never overlap.
/// </summary>
[GrainType(GrainTypes.TenantSetup)]
public sealed partial class TenantSetupGrain(
    TenantConnections tenants,
    TenantSettingsCheck check,
    SecretProtector secrets,
    PipedriveApiClient pipedrive,
    MaileonAccount maileonAccount,
    MaileonCustomFields maileonFields,
    MaileonWebhooks maileonWebhooks,
    UnsubscribesBeforeUninstall unsubscribes,
    MaileonAccountSwitch accountSwitch,
    TenantWebhookRemoval webhookRemoval,
    IOptions<TenantSetupOptions> options,
    TimeProvider time,
    ILogger<TenantSetupGrain> logger) : Grain, ITenantSetupGrain
{
    private long CompanyId => this.GetPrimaryKeyLong();

    private ITenantGrain Tenant => GrainFactory.Tenant(CompanyId);

    public async Task<IReadOnlyList<PersonFieldChoice>> GetPersonFieldChoices()
    {
        var connection = await tenants.GetAsync(CompanyId);
        return await check.PersonFieldChoicesAsync(CompanyId, connection.NewsletterField?.Key);
    }

    public async Task<SettingsSaveResult> SaveSettings(SettingsUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var connection = await FreshConnectionAsync();
        if (connection.Status != TenantStatus.Active)
        {
            return new SettingsSaveResult
            {
                Saved = false,
                Errors = new Dictionary<string, string> { ["MaileonApiKey"] = "The app is not authorised in Pipedrive right now; reconnect it first." },
            };
        }

        var errors = new Dictionary<string, string>();
        var apiKey = update.MaileonApiKey ?? (connection.MaileonApiKey is { } stored ? secrets.Unprotect(stored) : null);
        if (apiKey is null)
        {
            errors["MaileonApiKey"] = MaileonKeyMessages.Missing;
        }
        else if (await check.MaileonKeyProblemAsync(CompanyId, apiKey) is { } keyProblem)
        {
            errors["MaileonApiKey"] = keyProblem;
        }

        var extras = await check.ExtraFieldsAsync(CompanyId, update.ExtraFieldKeys, errors);
        if (errors.Count > 0)
        {
            await Tenant.RecordNote($"Settings not saved: {string.Join(" ", errors.Values)}");
            return new SettingsSaveResult { Saved = false, Errors = errors };
        }

        await LeaveOldAccountAsync(connection, update.MaileonApiKey);
        await Tenant.StoreSettings(new ValidatedSettings
        {
            NewMaileonApiKey = update.MaileonApiKey is { } key ? secrets.Protect(key) : null,
            NewMaileonApiKeyHint = update.MaileonApiKey is { } newKey ? MaileonKeyMessages.Hint(newKey) : null,
            DoiMailingKey = update.DoiMailingKey,
            DoiPlus = update.DoiPlus,
            DealEventsEnabled = update.DealEventsEnabled,
            ExtraFields = extras,
            ActingUserId = update.ActingUserId,
            EraseDeletedInMaileon = update.EraseDeletedInMaileon,
        });
        var setup = await RunSetup(update.ActingUserId);
        await GrainFactory.TenantHealth(CompanyId).Start();
        return new SettingsSaveResult { Saved = true, Setup = setup };
    }

    public async Task<IReadOnlyList<SetupStepOutcome>> RunSetup(long? actingUserId)
    {
        var connection = await FreshConnectionAsync();
        if (connection.Status != TenantStatus.Active || connection.MaileonApiKey is null)
        {
            return [new SetupStepOutcome("Setup", SetupStepState.Skipped, "Save a Maileon API key first.", time.GetUtcNow())];
        }

        var credentials = await Tenant.GetWebhookCredentials();
        await Task.Delay(options.Value.UntilWebTierKnows(credentials, time.GetUtcNow()), time);
        var result = await RunOnceAsync(connection, credentials);
        if (result.PipedriveUnauthorized)
        {
            result = await RunOnceAsync(await tenants.RefreshAsync(connection), credentials);
        }

        await Tenant.RecordSetup(result, actingUserId);
        tenants.Forget(CompanyId);
        if ((result.NewsletterField ?? connection.NewsletterField) is not null && result.AllDone && result.Steps.Any(s => s.State == SetupStepState.Done))
        {
            await TenantBackgroundWork.StartAsync(GrainFactory, CompanyId, result.MaileonAccountId, logger);
        }

        return result.Steps;
    }

    public async Task<UninstallReport> Uninstall(UninstallRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var connection = await FreshConnectionAsync();
        if (connection.Status is TenantStatus.Uninstalled or TenantStatus.NotInstalled)
        {
            return UninstallReport.Nothing;
        }

        if (UninstalledByAnotherUser(request, connection) is { } userId)
        {
            // With app sharing each user authorises the app for themselves; Pipedrive revoked only that user's grant.
            // The installation runs on the installing admin's tokens and webhooks, which are untouched.
            await Tenant.RecordNote($"User {userId} removed the app from their own Pipedrive account; the installation (authorised by user {connection.InstallingUserId}) keeps running.");
            return UninstallReport.Nothing;
        }

        // While the key is still there, the unsubscribes owed to Maileon go first.
        var report = connection.MaileonApiKey is null
            ? UninstallReport.Nothing
            : await unsubscribes.SendAsync(CompanyId, TimeSpan.FromSeconds(options.Value.UninstallUnsubscribeSeconds), CancellationToken.None);
        var notes = new List<string>();
        if (UninstallNotes.Unsubscribes(report) is { } unsubscribed)
        {
            notes.Add(unsubscribed);
        }

        // Maileon knows nothing of Pipedrive's uninstall: whichever way it came, our webhooks there go while we still hold the key.
        if (connection.MaileonApiKey is not null)
        {
            notes.Add(await webhookRemoval.RemoveFromMaileonAtUninstallAsync(connection));
        }

        if (request.Source == UninstallSource.SettingsPage && connection.PipedriveAccessToken is not null)
        {
            notes.Add(await webhookRemoval.RemoveFromPipedriveAsync(CompanyId));
        }
        else if (request.Source == UninstallSource.PipedriveCallback)
        {
            notes.Add("Pipedrive removed the app's webhooks itself.");
        }

        await Tenant.RecordUninstall(request, notes);
        tenants.Forget(CompanyId);
        await TenantBackgroundWork.StopAsync(GrainFactory, CompanyId);
        await unsubscribes.SettleUnsentAsync(CompanyId, report);
        LogUninstalled(CompanyId, request.Source);
        return report;
    }

    private static long? UninstalledByAnotherUser(UninstallRequest request, TenantConnection connection) =>
        request.Source == UninstallSource.PipedriveCallback
        && request.UserId is { } userId
        && connection.InstallingUserId != 0
        && userId != connection.InstallingUserId
            ? userId
            : null;

    /// <summary>A key of another Maileon account: the old account's webhooks go first (noted in the activity log).</summary>
    private async Task LeaveOldAccountAsync(TenantConnection connection, string? newKey)
    {
        if (newKey is not null && connection.MaileonApiKey is { } stored
            && await accountSwitch.LeaveOldAccountAsync(CompanyId, secrets.Unprotect(stored), newKey) is { } note)
        {
            await Tenant.RecordNote(note);
        }
    }

    /// <summary>The tenant as it is now: what the admin changes must not be judged on a copy up to a few seconds old.</summary>
    private Task<TenantConnection> FreshConnectionAsync()
    {
        tenants.Forget(CompanyId);
        return tenants.GetAsync(CompanyId);
    }

    private async Task<TenantSetupResult> RunOnceAsync(TenantConnection connection, TenantWebhookCredentials credentials)
    {
        if (connection.Status != TenantStatus.Active || connection.PipedriveAccessToken is null || connection.PipedriveApiBase is null)
        {
            return new TenantSetupResult([new SetupStepOutcome("Setup", SetupStepState.Skipped, "The app is not authorised in Pipedrive.", time.GetUtcNow())], null, [], null, true, false);
        }

        var input = new TenantSetupInput(
            CompanyId,
            tenants.Pipedrive(connection),
            tenants.Maileon(connection),
            connection.NewsletterField,
            connection.DealEventsEnabled,
            connection.ExtraFields,
            credentials.PipedriveUser,
            secrets.Unprotect(credentials.PipedrivePassword),
            secrets.Unprotect(credentials.MaileonToken),
            await WantsBounceWebhookAsync());
        return await new TenantSetupRunner(pipedrive, new TenantSetupMaileon(maileonAccount, maileonFields, maileonWebhooks), options.Value, time).RunAsync(input, CancellationToken.None);
    }

    /// <summary>Whether the engagement setting includes hard bounces (then Maileon's bounce webhook wakes its poll).</summary>
    private async Task<bool> WantsBounceWebhookAsync()
    {
        var choice = (await GrainFactory.Engagement(CompanyId).GetView()).Choice;
        return choice.Enabled && choice.HardBounces;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {CompanyId} uninstalled ({Source})")]
    private partial void LogUninstalled(long companyId, UninstallSource source);
}
