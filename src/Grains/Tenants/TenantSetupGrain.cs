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

        await Tenant.StoreSettings(new ValidatedSettings
        {
            NewMaileonApiKey = update.MaileonApiKey is { } key ? secrets.Protect(key) : null,
            NewMaileonApiKeyHint = update.MaileonApiKey is { } newKey ? MaileonKeyMessages.Hint(newKey) : null,
            DoiMailingKey = update.DoiMailingKey,
            DoiPlus = update.DoiPlus,
            DealEventsEnabled = update.DealEventsEnabled,
            ExtraFields = extras,
            ActingUserId = update.ActingUserId,
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
        var result = await RunOnceAsync(connection, credentials);
        if (result.PipedriveUnauthorized)
        {
            result = await RunOnceAsync(await tenants.RefreshAsync(connection), credentials);
        }

        await Tenant.RecordSetup(result, actingUserId);
        tenants.Forget(CompanyId);
        if ((result.NewsletterField ?? connection.NewsletterField) is not null && result.AllDone && result.Steps.Any(s => s.State == SetupStepState.Done))
        {
            await StartReconciliationAsync();
        }

        return result.Steps;
    }

    public async Task Uninstall(UninstallRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var connection = await FreshConnectionAsync();
        if (connection.Status is TenantStatus.Uninstalled or TenantStatus.NotInstalled)
        {
            return;
        }

        var notes = new List<string>();
        // Maileon knows nothing of Pipedrive's uninstall: whichever way it came, our webhooks there go while we still hold the key.
        if (connection.MaileonApiKey is not null)
        {
            notes.Add(await RemoveMaileonWebhooksAsync(connection));
        }

        if (request.Source == UninstallSource.SettingsPage && connection.PipedriveAccessToken is not null)
        {
            notes.Add(await RemovePipedriveWebhooksAsync());
        }
        else if (request.Source == UninstallSource.PipedriveCallback)
        {
            notes.Add("Pipedrive removed the app's webhooks itself.");
        }

        await Tenant.RecordUninstall(request, notes);
        tenants.Forget(CompanyId);
        await GrainFactory.TenantHealth(CompanyId).Stop();
        await GrainFactory.Reconciliation(CompanyId).Stop();
        await GrainFactory.Engagement(CompanyId).Stop();
        LogUninstalled(CompanyId, request.Source);
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

    /// <summary>Setup succeeded: the tenant's reconciliation runs from now on (idempotent; a failure is retried by the next setup run).</summary>
    private async Task StartReconciliationAsync()
    {
        try
        {
            await GrainFactory.Reconciliation(CompanyId).Start();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogReconciliationNotStarted(ex, CompanyId);
        }
    }

    private async Task<string> RemoveMaileonWebhooksAsync(TenantConnection connection)
    {
        try
        {
            var credentials = tenants.Maileon(connection);
            var prefix = options.Value.MaileonWebhookPathPrefix(CompanyId);
            var removed = 0;
            foreach (var hook in (await maileonWebhooks.ListWebhooksAsync(credentials)).Where(h => h.Url.StartsWith(prefix, StringComparison.Ordinal)))
            {
                await maileonWebhooks.DeleteWebhookAsync(credentials, hook.Id);
                removed++;
            }

            return $"{removed} Maileon webhook(s) removed.";
        }
        catch (ApiClientException ex)
        {
            return $"Maileon webhooks could not be removed ({TenantSetupRunner.Describe(ex)}); they now receive 410 and can be deleted in Maileon → Settings → Webhooks.";
        }
    }

    private async Task<string> RemovePipedriveWebhooksAsync()
    {
        try
        {
            foreach (var hook in await tenants.CallPipedriveAsync(CompanyId, pd => pipedrive.ListWebhooksAsync(pd)))
            {
                await tenants.CallPipedriveAsync(CompanyId, pd => pipedrive.DeleteWebhookAsync(pd, hook.Id));
            }

            return "Pipedrive webhooks removed.";
        }
        catch (Exception ex) when (ex is ApiClientException or TenantCredentialsException)
        {
            var reason = ex is ApiClientException api ? TenantSetupRunner.Describe(api) : ex.Message;
            return $"Pipedrive webhooks not removed now ({reason}); revoking the authorisation removes them.";
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {CompanyId}: reconciliation could not be scheduled; the next setup run tries again")]
    private partial void LogReconciliationNotStarted(Exception exception, long companyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {CompanyId} uninstalled ({Source})")]
    private partial void LogUninstalled(long companyId, UninstallSource source);
}
