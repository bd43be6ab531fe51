using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Database.Tenants;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Interfaces.Reconciliation;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>
/// One Pipedrive company. Holds the installation (tokens, refreshed by one caller at a time), settings, what setup
/// created on both sides and its health; runs setup on save, on repair and from a self-healing reminder.
/// </summary>
[GrainType("tenant")]
public sealed partial class TenantGrain(
    [PersistentState("tenant", ClusterIdentity.StorageProvider)] IPersistentState<TenantState> state,
    OutboxGrainServices outboxServices,
    SecretProtector secrets,
    PipedriveOAuthClient oauth,
    PipedriveApiClient pipedrive,
    MaileonClient maileon,
    TenantDirectory directory,
    IOptions<TenantSetupOptions> setupOptions,
    ILogger<TenantGrain> logger)
    : OutboxGrain<TenantState, TenantWork>(state, outboxServices, logger), ITenantGrain, IRemindable
{
    private const string HealingReminder = "self-healing";
    private static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(5);

    private Task<TenantConnection>? refreshing;

    private long CompanyIdKey => this.GetPrimaryKeyLong();

    protected override long CompanyId => CompanyIdKey;

    protected override long? LedgerPersonId => null;

    private TenantSetupOptions Options => setupOptions.Value;

    public async Task<TenantConnection> GetConnection()
    {
        if (State.Status == TenantStatus.Active && State.RefreshToken is not null && State.AccessTokenExpiresAt < Now + RefreshAhead)
        {
            return await RefreshOnceAsync();
        }

        return Connection();
    }

    public Task<TenantIngressPolicy> GetIngressPolicy() =>
        Task.FromResult(new TenantIngressPolicy(State.Status, State.PipedriveCredentialHash, State.MaileonTokenHash, State.ConfigVersion));

    public async Task<TenantConnection> RefreshAccessToken(ProtectedSecret rejectedToken)
    {
        // Another caller refreshed meanwhile: its new token is the answer.
        if (State.AccessToken is null || State.AccessToken.CipherText != rejectedToken.CipherText || State.Status != TenantStatus.Active)
        {
            return Connection();
        }

        return await RefreshOnceAsync();
    }

    public async Task<InstallationResult> Install(InstallationGrant grant)
    {
        var reinstall = State.Status != TenantStatus.NotInstalled;
        await UpdateAsync(() =>
        {
            if (State.Status != TenantStatus.Active)
            {
                State.InstallationEpoch++;
            }

            State.Status = TenantStatus.Active;
            State.CompanyName = grant.CompanyName;
            State.InstallingUserId = grant.UserId;
            State.InstalledByName = grant.UserName;
            State.InstalledAt = Now;
            State.ApiBase = grant.ApiBase;
            State.AccessToken = grant.AccessToken;
            State.RefreshToken = grant.RefreshToken;
            State.AccessTokenExpiresAt = grant.AccessTokenExpiresAt;
            State.Scopes = [.. grant.Scopes];
            State.PipedriveHealth = new ConnectionHealth(true, "Authorised.", Now);
            State.ConfigVersion++;
            Note(ActivityLevel.Info, "tenant", reinstall
                ? $"Re-installed by {grant.UserName} (user {grant.UserId}); earlier settings kept."
                : $"Installed by {grant.UserName} (user {grant.UserId}).");
            return true;
        });
        await directory.UpsertAsync(CompanyIdKey, grant.CompanyName, State.Status.ToString(), State.InstalledAt!.Value, CancellationToken.None);

        if (State.MaileonApiKey is not null)
        {
            // A re-authorisation after a dead refresh token: put webhooks back in place right away.
            await RunSetupCoreAsync(grant.UserId);
        }

        return new InstallationResult
        {
            Succeeded = true,
            CompanyId = CompanyIdKey,
            UserId = grant.UserId,
            UserName = grant.UserName,
            CompanyName = grant.CompanyName,
            IsReinstall = reinstall,
        };
    }

    public Task<TenantOverview> GetOverview() => Task.FromResult(new TenantOverview
    {
        CompanyId = CompanyIdKey,
        Status = State.Status,
        CompanyName = State.CompanyName,
        InstalledBy = State.InstalledByName,
        InstalledAt = State.InstalledAt,
        MaileonApiKeyHint = State.MaileonApiKeyHint,
        DoiMailingKey = State.DoiMailingKey,
        DoiPlus = State.DoiPlus,
        DealEventsEnabled = State.DealEventsEnabled,
        ExtraFieldKeys = State.ExtraFields.Select(f => f.PipedriveKey).ToList(),
        Pipedrive = State.PipedriveHealth,
        Maileon = State.MaileonHealth,
        Webhooks = State.Webhooks.ToList(),
        Setup = State.LastSetup.ToList(),
        MaileonAccountName = State.MaileonAccountName,
    });

    public async Task<IReadOnlyList<PersonFieldChoice>> GetPersonFieldChoices()
    {
        var fields = await CallPipedriveAsync(c => pipedrive.ListPersonFieldsAsync(c));
        return fields
            .Where(f => f.IsActive && f.Key != State.NewsletterField?.Key)
            .Select(f => new PersonFieldChoice(f.Key, f.Name, f.FieldType, f.IsCustom, ExtraFieldRules.UnusableReason(f)))
            .OrderBy(f => f.IsCustom ? 0 : 1).ThenBy(f => f.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public async Task<SettingsSaveResult> SaveSettings(SettingsUpdate update)
    {
        if (State.Status != TenantStatus.Active)
        {
            return new SettingsSaveResult
            {
                Saved = false,
                Errors = new Dictionary<string, string> { ["MaileonApiKey"] = "The app is not authorised in Pipedrive right now; reconnect it first." },
            };
        }

        var errors = new Dictionary<string, string>();
        var apiKey = update.MaileonApiKey ?? (State.MaileonApiKey is { } stored ? secrets.Unprotect(stored) : null);
        if (apiKey is null)
        {
            errors["MaileonApiKey"] = MaileonKeyMessages.Missing;
        }
        else if (await CheckMaileonKeyAsync(apiKey) is { } keyProblem)
        {
            errors["MaileonApiKey"] = keyProblem;
        }

        var extras = await ResolveExtraFieldsAsync(update.ExtraFieldKeys, errors);
        if (errors.Count > 0)
        {
            Note(ActivityLevel.Warning, "tenant", $"Settings not saved: {string.Join(" ", errors.Values)}");
            return new SettingsSaveResult { Saved = false, Errors = errors };
        }

        await UpdateAsync(() =>
        {
            if (update.MaileonApiKey is not null)
            {
                State.MaileonApiKey = secrets.Protect(update.MaileonApiKey);
                State.MaileonApiKeyHint = MaileonKeyMessages.Hint(update.MaileonApiKey);
            }

            State.DoiMailingKey = update.DoiMailingKey;
            State.DoiPlus = update.DoiPlus;
            State.DealEventsEnabled = update.DealEventsEnabled;
            State.ExtraFields = [.. extras];
            State.MaileonHealth = new ConnectionHealth(true, "API key accepted.", Now);
            EnsureWebhookSecrets();
            State.ConfigVersion++;
            Note(ActivityLevel.Info, "tenant", $"Settings saved by user {update.ActingUserId}: {(update.DoiPlus ? "DOI+" : "DOI")}, deal events {(update.DealEventsEnabled ? "on" : "off")}, " +
                $"{extras.Count} extra field(s){(extras.Count == 0 ? "" : " (" + string.Join(", ", extras.Select(e => e.Name)) + ")")}{(update.MaileonApiKey is null ? "" : ", new API key")}.");
            return true;
        });

        var setup = await RunSetupCoreAsync(update.ActingUserId);
        await this.RegisterOrUpdateReminder(HealingReminder, TimeSpan.FromMinutes(Options.SelfHealingMinutes), TimeSpan.FromMinutes(Options.SelfHealingMinutes));
        return new SettingsSaveResult { Saved = true, Setup = setup };
    }

    public Task<IReadOnlyList<SetupStepOutcome>> RunSetup(long? actingUserId) => RunSetupCoreAsync(actingUserId);

    public async Task Uninstall(UninstallRequest request)
    {
        if (State.Status is TenantStatus.Uninstalled or TenantStatus.NotInstalled)
        {
            return;
        }

        var notes = new List<string>();

        // Maileon knows nothing of Pipedrive's uninstall: whichever way it came, our webhooks there go while we still hold the key.
        if (State.MaileonApiKey is not null)
        {
            notes.Add(await RemoveMaileonWebhooksAsync());
        }

        if (request.Source == UninstallSource.SettingsPage && State.ApiBase is not null && State.AccessToken is not null)
        {
            try
            {
                foreach (var hook in await pipedrive.ListWebhooksAsync(PipedriveConnection()))
                {
                    await pipedrive.DeleteWebhookAsync(PipedriveConnection(), hook.Id);
                }

                notes.Add("Pipedrive webhooks removed.");
            }
            catch (ApiClientException ex)
            {
                notes.Add($"Pipedrive webhooks not removed now ({TenantSetupRunner.Describe(ex)}); revoking the authorisation removes them.");
            }
        }
        else if (request.Source == UninstallSource.PipedriveCallback)
        {
            notes.Add("Pipedrive removed the app's webhooks itself.");
        }

        var refreshToken = State.RefreshToken;
        await UpdateAsync(() =>
        {
            State.Status = TenantStatus.Uninstalled;
            State.AccessToken = null;
            State.RefreshToken = null;
            State.AccessTokenExpiresAt = null;
            State.MaileonApiKey = null;
            State.MaileonApiKeyHint = null;
            State.PipedriveWebhookPassword = null;
            State.PipedriveCredentialHash = null;
            State.MaileonWebhookToken = null;
            State.MaileonTokenHash = null;
            State.Webhooks = [];
            State.PipedriveHealth = new ConnectionHealth(false, "Uninstalled.", Now);
            State.MaileonHealth = new ConnectionHealth(false, "Uninstalled: the API key was deleted.", Now);
            State.ConfigVersion++;
            if (request.Source == UninstallSource.SettingsPage && refreshToken is not null)
            {
                // Revoking the refresh token tells Pipedrive the app is uninstalled; retried until it succeeds.
                State.Outbox.Enqueue(new TenantWork { Kind = TenantWorkKind.RevokeAuthorization, Token = refreshToken }, Now);
            }

            Note(ActivityLevel.Info, "tenant", $"Uninstalled {(request.Source == UninstallSource.SettingsPage ? $"on the settings page by user {request.UserId}" : "in Pipedrive")}; tokens and the API key were deleted. " + string.Join(" ", notes));
            return true;
        });

        if (await this.GetReminder(HealingReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
        await GrainFactory.GetGrain<IReconciliationGrain>(CompanyIdKey).Stop();
        await directory.UpsertAsync(CompanyIdKey, State.CompanyName ?? string.Empty, State.Status.ToString(), State.InstalledAt ?? Now, CancellationToken.None);
        LogUninstalled(CompanyIdKey, request.Source);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == HealingReminder && State.Status == TenantStatus.Active && State.MaileonApiKey is not null)
        {
            await RunSetupCoreAsync(actingUserId: null);
        }
    }

    protected override string WorkKindOf(TenantWork work) => work.Kind.ToString();

    protected override async Task<EffectOutcome> ExecuteAsync(OutboxEntry<TenantWork> entry, CancellationToken cancellationToken)
    {
        switch (entry.Work.Kind)
        {
            case TenantWorkKind.RevokeAuthorization when entry.Work.Token is { } token:
                try
                {
                    await oauth.RevokeAsync(secrets.Unprotect(token), PipedriveTokenTypeHint.RefreshToken, cancellationToken);
                    return EffectOutcome.Done("Pipedrive authorisation revoked.");
                }
                catch (ApiClientException ex) when (ex.IsTransient)
                {
                    return EffectOutcome.Retry(TenantSetupRunner.Describe(ex), ex.RetryAfter);
                }
                catch (ApiClientException ex)
                {
                    return EffectOutcome.Fail(TenantSetupRunner.Describe(ex));
                }

            default:
                return EffectOutcome.Fail($"Unknown tenant work {entry.Work.Kind}.");
        }
    }

    protected override void OnOutcomeRecorded(OutboxEntry<TenantWork> entry, EffectOutcome outcome, OutboxDisposition disposition)
    {
        if (disposition != OutboxDisposition.WillRetry)
        {
            entry.Work.Token = null;
            Note(disposition == OutboxDisposition.Completed ? ActivityLevel.Info : ActivityLevel.Warning, "tenant", outcome.Summary);
        }
    }

    private TenantConnection Connection() => new()
    {
        CompanyId = CompanyIdKey,
        Status = State.Status,
        ConfigVersion = State.ConfigVersion,
        PipedriveApiBase = State.ApiBase,
        PipedriveAccessToken = State.AccessToken,
        AccessTokenExpiresAt = State.AccessTokenExpiresAt,
        InstallingUserId = State.InstallingUserId,
        MaileonApiKey = State.MaileonApiKey,
        DoiMailingKey = State.DoiMailingKey,
        DoiPlus = State.DoiPlus,
        DealEventsEnabled = State.DealEventsEnabled,
        NewsletterField = State.NewsletterField,
        ExtraFields = State.ExtraFields.ToList(),
        InstallationEpoch = State.InstallationEpoch,
    };

    private PipedriveConnection PipedriveConnection() =>
        new(CompanyIdKey, State.ApiBase!, secrets.Unprotect(State.AccessToken!));

    private async Task<TenantConnection> RefreshOnceAsync()
    {
        refreshing ??= RefreshCoreAsync();
        try
        {
            return await refreshing;
        }
        finally
        {
            if (refreshing?.IsCompleted == true)
            {
                refreshing = null;
            }
        }
    }

    private async Task<TenantConnection> RefreshCoreAsync()
    {
        if (State.RefreshToken is not { } refreshToken)
        {
            return Connection();
        }

        try
        {
            var tokens = await oauth.RefreshAsync(secrets.Unprotect(refreshToken));
            await UpdateAsync(() =>
            {
                State.AccessToken = secrets.Protect(tokens.AccessToken);
                State.RefreshToken = secrets.Protect(tokens.RefreshToken);
                State.AccessTokenExpiresAt = tokens.ExpiresAt;
                State.ApiBase = tokens.ApiDomain;
                State.PipedriveHealth = new ConnectionHealth(true, "Authorised.", Now);
                State.ConfigVersion++;
                return true;
            });
            LogRefreshed(CompanyIdKey);
        }
        catch (ApiClientException ex) when (ex.Kind == ApiFailureKind.InvalidGrant)
        {
            await UpdateAsync(() =>
            {
                State.Status = TenantStatus.NeedsReauthorization;
                State.PipedriveHealth = new ConnectionHealth(false, "Pipedrive no longer accepts the app's authorisation (refresh token rejected). An admin must reconnect.", Now);
                State.ConfigVersion++;
                Note(ActivityLevel.Error, "tenant", "Pipedrive rejected the refresh token: syncing is paused until an admin reconnects the app on the settings page.");
                return true;
            });
            LogNeedsReauthorization(CompanyIdKey);
        }
        catch (ApiClientException ex)
        {
            LogRefreshFailed(CompanyIdKey, ex.Kind);
        }

        return Connection();
    }

    /// <summary>Runs a Pipedrive call with the current token; on 401 refreshes once and tries again.</summary>
    private async Task<T> CallPipedriveAsync<T>(Func<PipedriveConnection, Task<T>> call)
    {
        var connection = await GetConnection();
        if (connection.PipedriveApiBase is null || connection.PipedriveAccessToken is null)
        {
            throw new InvalidOperationException("The tenant is not connected to Pipedrive.");
        }

        try
        {
            return await call(new(CompanyIdKey, connection.PipedriveApiBase, secrets.Unprotect(connection.PipedriveAccessToken)));
        }
        catch (PipedriveApiException ex) when (ex.Kind == ApiFailureKind.Unauthorized)
        {
            var refreshed = await RefreshAccessToken(connection.PipedriveAccessToken);
            if (refreshed.PipedriveAccessToken is null || refreshed.Status != TenantStatus.Active)
            {
                throw;
            }

            return await call(new(CompanyIdKey, refreshed.PipedriveApiBase!, secrets.Unprotect(refreshed.PipedriveAccessToken)));
        }
    }

    private async Task<string?> CheckMaileonKeyAsync(string apiKey)
    {
        try
        {
            var check = await maileon.CheckApiKeyAsync(new MaileonConnection(CompanyIdKey, apiKey));
            return MaileonKeyMessages.ForCheck(check, check.ServerMessage, apiKey);
        }
        catch (ApiClientException ex) when (ex.IsTransient)
        {
            return MaileonKeyMessages.Unreachable;
        }
    }

    private async Task<IReadOnlyList<ExtraFieldConfig>> ResolveExtraFieldsAsync(IReadOnlyList<string> keys, Dictionary<string, string> errors)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        if (keys.Count > ExtraFieldRules.MaxExtraFields || keys.Distinct(StringComparer.Ordinal).Count() != keys.Count)
        {
            errors["ExtraFieldKeys"] = $"Choose at most {ExtraFieldRules.MaxExtraFields} different extra fields.";
            return [];
        }

        IReadOnlyList<PipedrivePersonField> fields;
        try
        {
            fields = await CallPipedriveAsync(c => pipedrive.ListPersonFieldsAsync(c));
        }
        catch (ApiClientException ex)
        {
            errors["ExtraFieldKeys"] = $"Pipedrive's person fields could not be read to check your choice ({TenantSetupRunner.Describe(ex)}).";
            return [];
        }

        var resolved = new List<ExtraFieldConfig>();
        foreach (var key in keys)
        {
            var field = fields.FirstOrDefault(f => f.Key == key && f.IsActive);
            if (field is null)
            {
                errors["ExtraFieldKeys"] = $"The person field {key} does not exist (any more) in Pipedrive.";
            }
            else if (ExtraFieldRules.UnusableReason(field) is { } reason)
            {
                errors["ExtraFieldKeys"] = $"\"{field.Name}\" cannot be sent to Maileon: {reason}.";
            }
            else
            {
                resolved.Add(ExtraFieldRules.ToConfig(field));
            }
        }

        return resolved;
    }

    private void EnsureWebhookSecrets()
    {
        if (State.PipedriveWebhookPassword is null || State.PipedriveWebhookUser is null)
        {
            State.PipedriveWebhookUser = WebhookSecrets.NewUser();
            var password = WebhookSecrets.NewSecret();
            State.PipedriveWebhookPassword = secrets.Protect(password);
            State.PipedriveCredentialHash = WebhookSecrets.Hash($"{State.PipedriveWebhookUser}:{password}");
        }

        if (State.MaileonWebhookToken is null)
        {
            var token = WebhookSecrets.NewSecret();
            State.MaileonWebhookToken = secrets.Protect(token);
            State.MaileonTokenHash = WebhookSecrets.Hash(token);
        }
    }

    private async Task<IReadOnlyList<SetupStepOutcome>> RunSetupCoreAsync(long? actingUserId)
    {
        if (State.Status != TenantStatus.Active || State.MaileonApiKey is null)
        {
            return [new SetupStepOutcome("Setup", SetupStepState.Skipped, "Save a Maileon API key first.", Now)];
        }

        if (State.PipedriveWebhookPassword is null || State.MaileonWebhookToken is null)
        {
            await UpdateAsync(() =>
            {
                EnsureWebhookSecrets();
                return true;
            });
        }

        var runner = new TenantSetupRunner(pipedrive, maileon, Options, TimeProvider);
        var result = await RunWithConnectionAsync(runner);
        if (result.PipedriveUnauthorized && State.AccessToken is { } rejected)
        {
            await RefreshAccessToken(rejected);
            result = await RunWithConnectionAsync(runner);
        }

        await UpdateAsync(() =>
        {
            State.LastSetup = [.. result.Steps];
            State.Webhooks = [.. result.Webhooks];
            if (result.NewsletterField is { } field && field != State.NewsletterField)
            {
                State.NewsletterField = field;
            }

            State.MaileonAccountName = result.MaileonAccountName ?? State.MaileonAccountName;
            State.MaileonHealth = result.MaileonUnauthorized
                ? new ConnectionHealth(false, "Maileon rejects the stored API key (expired, deactivated or deleted). Enter a valid key.", Now)
                : result.MaileonAccountName is not null ? new ConnectionHealth(true, "Connected.", Now) : State.MaileonHealth;
            if (!result.PipedriveUnauthorized && result.Steps.Any(s => s.Step == TenantSetupRunner.NewsletterStep && s.State == SetupStepState.Done))
            {
                State.PipedriveHealth = new ConnectionHealth(true, "Connected.", Now);
            }

            State.ConfigVersion++;
            var failed = result.Steps.Where(s => s.State == SetupStepState.Failed).ToList();
            var who = actingUserId is { } user ? $"by user {user}" : "by the periodic self-check";
            if (failed.Count > 0)
            {
                Note(ActivityLevel.Warning, "tenant", $"Setup run {who}: {string.Join(" ", failed.Select(f => $"{f.Step}: {f.Detail}"))}");
            }
            else if (actingUserId is not null || result.Steps.Any(s => s.Detail.Contains("created", StringComparison.OrdinalIgnoreCase) && !s.Detail.Contains("(0 created", StringComparison.Ordinal)))
            {
                Note(ActivityLevel.Info, "tenant", $"Setup run {who}: " + string.Join(" ", result.Steps.Select(s => $"{s.Step}: {s.Detail}")));
            }

            return true;
        });

        if (State.NewsletterField is not null && result.Steps.All(s => s.State != SetupStepState.Failed) && result.Steps.Any(s => s.State == SetupStepState.Done))
        {
            await StartReconciliationAsync();
        }

        return result.Steps;
    }

    /// <summary>Setup succeeded: the tenant's reconciliation runs from now on (idempotent; a failure is retried by the next setup run).</summary>
    private async Task StartReconciliationAsync()
    {
        try
        {
            await GrainFactory.GetGrain<IReconciliationGrain>(CompanyIdKey).Start();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogReconciliationNotStarted(ex, CompanyIdKey);
        }
    }

    private async Task<TenantSetupResult> RunWithConnectionAsync(TenantSetupRunner runner)
    {
        var connection = await GetConnection();
        if (connection.Status != TenantStatus.Active || connection.PipedriveAccessToken is null || connection.PipedriveApiBase is null)
        {
            return new TenantSetupResult([new SetupStepOutcome("Setup", SetupStepState.Skipped, "The app is not authorised in Pipedrive.", Now)], null, [], null, true, false);
        }

        var input = new TenantSetupInput(
            CompanyIdKey,
            new PipedriveConnection(CompanyIdKey, connection.PipedriveApiBase, secrets.Unprotect(connection.PipedriveAccessToken)),
            new MaileonConnection(CompanyIdKey, secrets.Unprotect(State.MaileonApiKey!)),
            State.NewsletterField,
            State.DealEventsEnabled,
            State.ExtraFields,
            State.PipedriveWebhookUser!,
            secrets.Unprotect(State.PipedriveWebhookPassword!),
            secrets.Unprotect(State.MaileonWebhookToken!));
        return await runner.RunAsync(input, CancellationToken.None);
    }

    private async Task<string> RemoveMaileonWebhooksAsync()
    {
        try
        {
            var connection = new MaileonConnection(CompanyIdKey, secrets.Unprotect(State.MaileonApiKey!));
            var prefix = Options.MaileonWebhookPathPrefix(CompanyIdKey);
            var removed = 0;
            foreach (var hook in (await maileon.ListWebhooksAsync(connection)).Where(h => h.Url.StartsWith(prefix, StringComparison.Ordinal)))
            {
                await maileon.DeleteWebhookAsync(connection, hook.Id);
                removed++;
            }

            return $"{removed} Maileon webhook(s) removed.";
        }
        catch (ApiClientException ex)
        {
            return $"Maileon webhooks could not be removed ({TenantSetupRunner.Describe(ex)}); they now receive 410 and can be deleted in Maileon → Settings → Webhooks.";
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {CompanyId}: access token refreshed")]
    private partial void LogRefreshed(long companyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {CompanyId}: refresh token rejected; needs re-authorisation")]
    private partial void LogNeedsReauthorization(long companyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {CompanyId}: token refresh failed ({Kind}); keeping the current token")]
    private partial void LogRefreshFailed(long companyId, ApiFailureKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {CompanyId}: reconciliation could not be scheduled; the next setup run tries again")]
    private partial void LogReconciliationNotStarted(Exception exception, long companyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {CompanyId} uninstalled ({Source})")]
    private partial void LogUninstalled(long companyId, UninstallSource source);
}
